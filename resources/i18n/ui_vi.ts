<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- The catalogue the UI loads (ui/translation.py): no messages of its own, it brings the app's
     strings and Qt's own (buttons, file and print dialogs, context menus) into one QTranslator,
     as Qt's qt_<language>.qm brings its modules' catalogues. Qt ships no Vietnamese: qtbase_vi.ts
     is ours. -->
<TS version="2.1" language="vi_VN">
<dependencies>
<dependency catalog="ward_desk_vi"/>
<dependency catalog="qtbase_vi"/>
</dependencies>
</TS>
