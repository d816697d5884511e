"""Browser pages of Vollzugsplan (§18)."""


def kontext_fuer_fall(fall, user) -> dict:
    """What the case page (`vollzug.views.fall_detail`) shows of this module: a constant number of
    queries, whatever the number of rows. Rendered by the included template partial."""
    return {}
