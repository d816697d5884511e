"""The authorization matrix (issue 24): a dataset in both demo facilities and every module, the
targets (real ids and valid payloads) of every URL name, and the checks of tests/test_zugriffsmatrix.py.

The policy it checks is `jvg_case.zugriffsregeln`; this package only knows how to fill each URL.
"""
