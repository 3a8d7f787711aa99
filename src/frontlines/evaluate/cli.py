"""`frontlines eval`: measure geoparsing and event coding on gold data, beside the usual baselines."""

from __future__ import annotations

import typer

from frontlines.evaluate.eventcmd import events_command
from frontlines.evaluate.gate import gate_command
from frontlines.evaluate.geoparse import geoparse_command
from frontlines.evaluate.report import report_command

app = typer.Typer(help="Measure quality on gold data, beside baseline peers run in the same harness.",
                  no_args_is_help=True)
app.command("geoparse")(geoparse_command)
app.command("events")(events_command)
app.command("report")(report_command)
app.command("gate")(gate_command)
