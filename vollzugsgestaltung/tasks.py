"""No periodic job: every deadline of this app (return from an opening, control of a Weisung, deadline
for gemeinnützige Arbeit) is read live by the Fristenkontrolle (`fristen.py`), and the consequences of
a missed one (failure to return, report to the court) need a human finding. Kept for the standard
layout of the apps."""
