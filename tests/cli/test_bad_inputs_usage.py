"""Bad-input corpus, part 1: usage errors on every command (issue #17, "Not one line").

An unknown flag, a flag given a value it does not take, a non-number, a missing option or
argument, an option missing its value, a surplus argument, a misspelt subcommand: each is ONE
line ``error: ...`` naming the flag as the user wrote it, exit 2, no typer box (the check is
:func:`badinputs.check_refused`).
"""

from __future__ import annotations

import pytest

from badinputs import BASE, corpus_files, refused  # noqa: F401  (fixtures)

COMMANDS = sorted(BASE)
WITH_JSON = [c for c in COMMANDS if c not in ("web",)]

#: One numeric option of each command that has one (a non-number must be refused by name).
NUMERIC = {
    "design": None,
    "pressure": "--limit-MPa",
    "sweep": "--chunk-size",
    "optimize": "--seed",
    "study blend-swelling": "--swelling-limit",
    "study closed-pores": "--points",
    "characterize isotherm": "--gurvich-p",
    "characterize mip": "--contact-angle",
    "characterize density": "--tap",
    "characterize saxs": "--n-guinier",
    "characterize sans": "--d-fraction",
    "characterize nmr": "--bulk",
    "image analyze": "--n-phases",
    "image tortuosity": "--min-size",
    "image evolution": "--n-phases",
    "stress core-shell": "--core-E-GPa",
    "stress sphere": "--radius-nm",
    "stress shell-optimum": "--beta",
    "stress pore-cell": "--n-angle",
    "stress pore-rve": "--n",
    "stress voxel": "--voxel-size-nm",
    "stress contact": "--approach-nm",
    "literature correlate": "--n-boot",
    "synthesize top-down": "--shrinkage-pct",
    "synthesize transcription": "--overcoat-wt-pct",
    "synthesize bottom-up": "--packing-fraction",
    "synthesize advise": "--porosity",
    "cycle": "--cycles",
    "web": "--port",
    "materials add": "--potential",
}
NUMERIC = {k: v for k, v in NUMERIC.items() if v}

#: Required options/arguments, removed one at a time: (command, tokens to drop, the flag named).
REQUIRED = [
    ("materials add", ["--host", "@host_cif"], "--host"),
    ("materials add", ["--lithiated", "@lith_cif"], "--lithiated"),
    ("characterize isotherm", ["@iso"], "FILE"),
    ("characterize mip", ["@mip"], "FILE"),
    ("characterize density", ["--helium-density", "1.8"], "--helium-density"),
    ("characterize density", ["--open-pore-volume", "0.3"], "--open-pore-volume"),
    ("characterize saxs", ["@saxs"], "FILE"),
    ("characterize sans", ["--solid", "Si"], "--solid"),
    ("characterize nmr", ["@t2"], "FILE"),
    ("image analyze", ["@vol_tif"], "VOLUME"),
    ("image tortuosity", ["@vol_npy"], "VOLUME"),
    ("image evolution", ["--voxel-size", "20nm"], "--voxel-size"),
    ("stress core-shell", ["--core-radius-nm", "50"], "--core-radius-nm"),
    ("stress core-shell", ["--eigenstrain", "0.01"], "--eigenstrain"),
    ("stress pore-cell", ["--cell-size-nm", "100"], "--cell-size-nm"),
    ("stress pore-rve", ["--pore-radius-nm", "30"], "--pore-radius-nm"),
    ("stress voxel", ["@vol_npy"], "IMAGE"),
    ("literature compare", ["@spec"], "SPEC"),
    ("synthesize transcription", ["--template-pore-volume-cm3-g", "1"], "--template-pore-volume-cm3-g"),
    ("synthesize advise", ["--material", "Si"], "--material"),
]

#: Options that take a value, given none (the flag ends the line).
VALUE_MISSING = {
    "design": "--out", "pressure": "--stack-modulus-MPa", "sweep": "--vary", "optimize": "--constraint",
    "study closed-pores": "--si", "characterize isotherm": "--format", "characterize nmr": "--reference",
    "image analyze": "--threshold", "stress core-shell": "--method", "stress voxel": "--bc",
    "literature list": "--route", "synthesize top-down": "--precursor", "cycle": "--experiment", "web": "--host",
    "materials add": "--name", "literature correlate": "--plots", "stress sphere": "--mode",
}

#: Commands without a positional argument: a surplus word is refused.
NO_POSITIONAL = ["materials add", "characterize density", "characterize sans", "stress core-shell", "stress sphere",
                 "stress shell-optimum", "stress pore-cell", "stress pore-rve", "stress contact", "literature list",
                 "literature check", "literature correlate", "synthesize top-down", "synthesize transcription",
                 "synthesize bottom-up", "synthesize advise", "study blend-swelling", "study required-porosity", "web"]


def _drop(args: list[str], tokens: list[str]) -> list[str]:
    out = list(args)
    i = next(k for k in range(len(out)) if out[k:k + len(tokens)] == tokens)
    return out[:i] + out[i + len(tokens):]


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_flag(refused, command):
    refused(BASE[command] + ["--bogus-flag"], "No such option: --bogus-flag")


@pytest.mark.parametrize("command", ["design", "sweep", "characterize density", "stress sphere", "synthesize advise",
                                     "literature list", "study required-porosity", "materials"])
def test_misspelt_flag_names_the_close_one(refused, command):
    flag = "--jsn"
    line = refused(BASE[command] + [flag], "--jsn")
    assert "--json" in line  # the suggestion


@pytest.mark.parametrize("command", [c for c in WITH_JSON if c != "materials"])
def test_boolean_flag_given_a_value(refused, command):
    refused(BASE[command] + ["--json=yes"], "'--json' does not take a value")


@pytest.mark.parametrize("command", sorted(NUMERIC))
def test_non_number(refused, command):
    flag = NUMERIC[command]
    line = refused(BASE[command] + [flag, "twelve"], f"{flag} = 'twelve': must be a")
    assert "Input should be" not in line and "unable to parse" not in line


@pytest.mark.parametrize("command, tokens, flag", REQUIRED, ids=[f"{c}-{f}" for c, _, f in REQUIRED])
def test_missing_required(refused, command, tokens, flag):
    refused(_drop(BASE[command], tokens), f"missing {'option' if flag.startswith('--') else 'argument'} {flag}")


@pytest.mark.parametrize("command", sorted(VALUE_MISSING))
def test_option_without_its_value(refused, command):
    flag = VALUE_MISSING[command]
    refused(BASE[command] + [flag], f"'{flag}' requires an argument")


@pytest.mark.parametrize("command", NO_POSITIONAL)
def test_surplus_argument(refused, command):
    refused(BASE[command] + ["surplus"], "unexpected extra argument")


@pytest.mark.parametrize("group, wrong", [("study", "closed-pore"), ("characterize", "bet"), ("image", "analyse"),
                                          ("stress", "corshell"), ("literature", "lst"), ("synthesize", "topdown"),
                                          ("materials", "ad"), ("nonsense", None)])
def test_unknown_command(refused, group, wrong):
    args = [group] if wrong is None else [group, wrong]
    refused(args, f"No such command '{wrong or group}'")


def test_a_100k_character_value_is_echoed_short(refused):
    line = refused(["stress", "sphere", "--mode", "x" * 100_000])
    assert len(line) < 300 and "xxx..." in line


def test_hook_case_design_jsn(refused):
    """The before-stop hook's case: ``alloypore design --jsn`` -> exit 2 and one line."""
    assert refused(["design", "--jsn"]) == "error: No such option: --jsn (Possible options: --json); see 'alloypore design --help'"
