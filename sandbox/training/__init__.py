"""Training mode: a scenario played on a profile of its own against central services it starts itself.

``scenario`` is the model, ``scenario_file`` reads and checks the trainer's JSON files (format in
``resources/scenarios/README.md``), ``session`` plays one, ``step_checker`` ticks its steps off from
what the trainee really did.
"""

from sandbox.training.clock import TrainingClock
from sandbox.training.scenario import (
    EVENT_KINDS,
    AccountCheck,
    AllCheck,
    Event,
    ItemCheck,
    Move,
    OutboxCheck,
    Scenario,
    ScenarioError,
    Step,
    StepStatus,
    Text,
    TrainingError,
    WalkIn,
)
from sandbox.training.scenario_file import load_scenario, load_shipped_scenarios, scan_scenarios, scenarios_dir
from sandbox.training.session import ScenarioChange, TrainingSession, default_training_root

__all__ = [
    "EVENT_KINDS",
    "AccountCheck",
    "AllCheck",
    "Event",
    "ItemCheck",
    "Move",
    "OutboxCheck",
    "Scenario",
    "ScenarioChange",
    "ScenarioError",
    "Step",
    "StepStatus",
    "Text",
    "TrainingClock",
    "TrainingError",
    "TrainingSession",
    "WalkIn",
    "default_training_root",
    "load_scenario",
    "load_shipped_scenarios",
    "scan_scenarios",
    "scenarios_dir",
]
