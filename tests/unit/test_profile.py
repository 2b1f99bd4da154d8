from pathlib import Path

from app.profile import PROFILE_ENV, Profile


def test_command_line_wins_over_environment(tmp_path: Path) -> None:
    chosen = Profile.resolve(str(tmp_path / "cli"), {PROFILE_ENV: str(tmp_path / "env")})
    assert chosen.root == (tmp_path / "cli").resolve()


def test_environment_wins_over_default(tmp_path: Path) -> None:
    assert Profile.resolve(None, {PROFILE_ENV: str(tmp_path / "env")}).root == (tmp_path / "env").resolve()


def test_default_is_under_the_user_data_folder() -> None:
    root = Profile.resolve(None, {}).root
    assert root == Profile.default_root().resolve()
    assert "WardDesk" in root.parts


def test_a_profile_folder_holds_database_attachments_backups_and_logs(tmp_path: Path) -> None:
    profile = Profile(tmp_path / "p")
    profile.create_folders()
    assert profile.database_path.parent == profile.root
    for folder in (profile.attachments_dir, profile.backups_dir, profile.logs_dir):
        assert folder.is_dir() and folder.parent == profile.root
