"""The pages every front-end check visits: one of each kind a person can land on."""

SEED = "/statements/west-midlands-2021-22"

PAGES = {
    "home": "/",
    "results": "/search?q=abuse",
    "results, flat, page 2": "/search?q=force&view=flat&page=2",
    "results, filtered": "/search?q=force&force=Northshire",
    "no results": "/search?q=zeppelin",
    "did you mean": "/search?q=deprevation",
    "statement": SEED,
    "statement, highlighted": f"{SEED}?q=workforce#p6",
    "statement list": "/statements",
    "statement list by period": "/statements?sort=period",
    "similar paragraphs": "/statements/northshire-2022-23/p2/similar",
    "404": "/statements/atlantis-1999",
    "400": "/search?q=*e*",
}

# Pages of the compare corpus (tests/corpus-compare/ beside the corpus): a force's two periods.
COMPARE_PAGES = {
    "compare": "/compare/northshire-2021-22/northshire-2022-23",
    "compare, markup as text": "/compare/marchford-2022-23/marchford-2023-24",
    "statement with compare links": "/statements/northshire-2022-23",
    "compare, two forces (400)": "/compare/northshire-2022-23/marchford-2023-24",
}

# Pages of the independent corpus (../shared/corpus): subjects merged, split and rewritten; a force's years;
# results and a statement whose paragraphs name the other years that repeat them.
SHARED_PAGES = {
    "compare by subject": "/compare/penhallow-2019-20/penhallow-2020-21",
    "compare, five years apart": "/compare/aldermoor-2019-20/aldermoor-2023-24",
    "forces": "/forces",
    "force": "/forces/aldermoor",
    # Kettlewick's paragraph repeated in four years: its hit names the other years.
    "results with repeats": "/search?q=%22modern+slavery%22&view=flat",
    "statement with repeats": "/statements/kettlewick-2020-21",
}
