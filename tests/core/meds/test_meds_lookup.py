"""Names as people type them: generics, UK and US brands, salts, strengths, combinations,
misspellings, supplements and everyday words. Never a guess."""

from __future__ import annotations

import pytest

from nightcramp.core.meds import check_names, resolve
from nightcramp.core.meds.lookup import strength_mg

# (name as typed, generic, class)
NAMES: list[tuple[str, str, str]] = [
    # the v2 classes
    ("cisplatin", "cisplatin", "platinum_chemotherapy"),
    ("Platinol", "cisplatin", "platinum_chemotherapy"),
    ("carboplatin", "carboplatin", "platinum_chemotherapy"),
    ("Paraplatin", "carboplatin", "platinum_chemotherapy"),
    ("oxaliplatin", "oxaliplatin", "platinum_chemotherapy"),
    ("Eloxatin", "oxaliplatin", "platinum_chemotherapy"),
    ("cisplatine", "cisplatin", "platinum_chemotherapy"),
    ("carboplatn", "carboplatin", "platinum_chemotherapy"),
    ("oxaliplatin 100mg infusion", "oxaliplatin", "platinum_chemotherapy"),
    # names as printed on the box or the prescription: concentrations, forms, dosing words
    (
        "Oxaliplatin 5 mg/ml concentrate for solution for infusion",
        "oxaliplatin",
        "platinum_chemotherapy",
    ),
    ("oxaliplatin 85 mg/m2 every 2 weeks", "oxaliplatin", "platinum_chemotherapy"),
    ("Furosemide 20mg/5ml oral solution", "furosemide", "loop_diuretic"),
    ("Clexane 40mg/0.4ml solution for injection", "enoxaparin", "none"),
    (
        "Fostair 100/6 pressurised inhalation solution",
        "beclometasone/formoterol",
        "long_acting_beta2_agonist",
    ),
    ("atorvastatin 20mg 1x daily", "atorvastatin", "statin"),
    ("ramipril 2.5 mg b.i.d.", "ramipril", "ace_inhibitor"),
    ("Lipitor 20mg qhs", "atorvastatin", "statin"),
    ("Lipitor 20mg at bedtime", "atorvastatin", "statin"),
    ("Lipitor 20mg ON", "atorvastatin", "statin"),
    ("amlodipine 5mg 1-0-0", "amlodipine", "calcium_channel_blocker"),
    ("bendroflumethiazide 2.5mg half a tablet", "bendroflumethiazide", "thiazide_diuretic"),
    ("simvastatin forty milligrams", "simvastatin", "statin"),
    ("Lipitor (atorvastatin) 20mg", "atorvastatin", "statin"),
    ("lithium carbonate 400mg b.i.d.", "lithium", "lithium"),
    ("pregabalin", "pregabalin", "gabapentinoid"),
    ("Lyrica", "pregabalin", "gabapentinoid"),
    ("pregablin", "pregabalin", "gabapentinoid"),
    ("gabapentin 300mg capsules", "gabapentin", "gabapentinoid"),
    ("Neurontin", "gabapentin", "gabapentinoid"),
    ("denosumab", "denosumab", "bone_resorption_inhibitor"),
    ("Prolia", "denosumab", "bone_resorption_inhibitor"),
    ("Xgeva", "denosumab", "bone_resorption_inhibitor"),
    ("zoledronic acid", "zoledronic acid", "bone_resorption_inhibitor"),
    ("Aclasta", "zoledronic acid", "bone_resorption_inhibitor"),
    ("Reclast", "zoledronic acid", "bone_resorption_inhibitor"),
    ("Zometa", "zoledronic acid", "bone_resorption_inhibitor"),
    ("cinacalcet", "cinacalcet", "calcimimetic"),
    ("Mimpara", "cinacalcet", "calcimimetic"),
    ("Sensipar", "cinacalcet", "calcimimetic"),
    ("cinacalset", "cinacalcet", "calcimimetic"),
    ("etelcalcetide", "etelcalcetide", "calcimimetic"),
    ("Parsabiv", "etelcalcetide", "calcimimetic"),
    ("citalopram", "citalopram", "other_reported"),
    ("Celexa", "citalopram", "other_reported"),
    ("Cipramil", "citalopram", "other_reported"),
    ("citalopram hydrobromide", "citalopram", "other_reported"),
    ("zolpidem", "zolpidem", "other_reported"),
    ("Ambien", "zolpidem", "other_reported"),
    ("Stilnoct", "zolpidem", "other_reported"),
    ("zolpidem tartrate", "zolpidem", "other_reported"),
    ("ambian", "zolpidem", "other_reported"),
    ("clonazepam", "clonazepam", "other_reported"),
    ("Rivotril", "clonazepam", "other_reported"),
    ("Klonopin", "clonazepam", "other_reported"),
    ("prednisolone", "prednisolone", "other_reported"),
    ("prednisolone 5mg", "prednisolone", "other_reported"),
    ("prednisone", "prednisone", "other_reported"),
    ("dexamethasone", "dexamethasone", "other_reported"),
    ("hydrocortisone", "hydrocortisone", "other_reported"),
    ("methylprednisolone", "methylprednisolone", "other_reported"),
    ("cimetidine", "cimetidine", "other_reported"),
    ("Tagamet", "cimetidine", "other_reported"),
    ("Zoloft", "sertraline", "other_reported"),
    ("ciclosporin", "ciclosporin", "other_reported"),
    ("cyclosporine", "ciclosporin", "other_reported"),
    ("Neoral", "ciclosporin", "other_reported"),
    ("Topamax", "topiramate", "other_reported"),
    # brands named in the brief
    ("Lipitor", "atorvastatin", "statin"),
    ("Zocor", "simvastatin", "statin"),
    ("Crestor", "rosuvastatin", "statin"),
    ("Lasix", "furosemide", "loop_diuretic"),
    ("Aldactone", "spironolactone", "potassium_sparing_diuretic"),
    ("Natrilix", "indapamide", "thiazide_diuretic"),
    ("Seretide", "fluticasone/salmeterol", "long_acting_beta2_agonist"),
    ("Symbicort", "budesonide/formoterol", "long_acting_beta2_agonist"),
    ("Advair", "fluticasone/salmeterol", "long_acting_beta2_agonist"),
    ("Evista", "raloxifene", "serm"),
    ("Nolvadex", "tamoxifen", "serm"),
    ("Forteo", "teriparatide", "teriparatide"),
    ("Venofer", "iron sucrose", "iv_iron"),
    ("Ferinject", "ferric carboxymaltose", "iv_iron"),
    ("CosmoFer", "iron dextran", "iv_iron"),
    # US and UK brands from the evidence brief
    ("Microzide", "hydrochlorothiazide", "thiazide_diuretic"),
    ("Thalitone", "chlortalidone", "thiazide_diuretic"),
    ("Demadex", "torasemide", "loop_diuretic"),
    ("Edecrin", "etacrynic acid", "loop_diuretic"),
    ("CaroSpir", "spironolactone", "potassium_sparing_diuretic"),
    ("Kerendia", "finerenone", "potassium_sparing_diuretic"),
    ("Perforomist", "formoterol", "long_acting_beta2_agonist"),
    ("Brovana", "arformoterol", "long_acting_beta2_agonist"),
    ("Striverdi", "olodaterol", "long_acting_beta2_agonist"),
    ("Bevespi", "formoterol/glycopyrronium", "long_acting_beta2_agonist"),
    ("Duaklir", "aclidinium/formoterol", "long_acting_beta2_agonist"),
    ("Trixeo", "budesonide/formoterol/glycopyrronium", "long_acting_beta2_agonist"),
    ("AirFluSal", "fluticasone/salmeterol", "long_acting_beta2_agonist"),
    ("Xopenex", "levosalbutamol", "short_acting_beta2_agonist"),
    ("Airomir", "salbutamol", "short_acting_beta2_agonist"),
    ("Altoprev", "lovastatin", "statin"),
    ("Lipostat", "pravastatin", "statin"),
    ("Procardia", "nifedipine", "calcium_channel_blocker"),
    ("Zanidip", "lercanidipine", "calcium_channel_blocker"),
    ("Tildiem", "diltiazem", "none"),
    ("Securon", "verapamil", "none"),
    ("Innovace", "enalapril", "ace_inhibitor"),
    ("Accupril", "quinapril", "ace_inhibitor"),
    ("Aprovel", "irbesartan", "angiotensin_receptor_blocker"),
    ("Olmetec", "olmesartan", "angiotensin_receptor_blocker"),
    ("Edarbi", "azilsartan", "angiotensin_receptor_blocker"),
    ("Duavive", "bazedoxifene/conjugated oestrogens", "serm"),
    ("Prempro", "conjugated oestrogens/medroxyprogesterone", "oestrogen"),
    ("Movymia", "teriparatide", "teriparatide"),
    ("Eladynos", "abaloparatide", "teriparatide"),
    ("Injectafer", "ferric carboxymaltose", "iv_iron"),
    ("Feraheme", "ferumoxytol", "iv_iron"),
    ("Anaprox DS", "naproxen", "nsaid"),
    ("Feminax Ultra", "naproxen", "nsaid"),
    ("Protonix", "pantoprazole", "proton_pump_inhibitor"),
    ("Aciphex", "rabeprazole", "proton_pump_inhibitor"),
    ("Camcolit", "lithium", "lithium"),
    ("Cuprimine", "penicillamine", "other_reported"),
    ("Evorel", "estradiol", "oestrogen"),
    ("Yasmin", "drospirenone/ethinylestradiol", "oestrogen"),
    # combinations typed out, any order, any joiner
    ("simvastatin/ezetimibe", "ezetimibe/simvastatin", "statin"),
    ("ezetimibe + simvastatin", "ezetimibe/simvastatin", "statin"),
    ("hydrochlorothiazide + lisinopril", "hydrochlorothiazide/lisinopril", "thiazide_diuretic"),
    ("Telmisartan H", "hydrochlorothiazide/telmisartan", "thiazide_diuretic"),
    ("Telma-H", "hydrochlorothiazide/telmisartan", "thiazide_diuretic"),
    ("famotidine", "famotidine", "other_reported"),
    ("Entocort CR 3mg", "budesonide", "other_reported"),
    ("Flixotide", "fluticasone", "other_reported"),
    ("salmeterol/fluticasone", "fluticasone/salmeterol", "long_acting_beta2_agonist"),
    ("perindopril/indapamide", "indapamide/perindopril", "thiazide_diuretic"),
    (
        "spironolactone/hydrochlorothiazide",
        "hydrochlorothiazide/spironolactone",
        "potassium_sparing_diuretic",
    ),
    ("naproxen/esomeprazole", "esomeprazole/naproxen", "nsaid"),
    ("bisoprolol/hydrochlorothiazide", "bisoprolol/hydrochlorothiazide", "thiazide_diuretic"),
    ("pregabalin + paracetamol", "paracetamol/pregabalin", "gabapentinoid"),
    # salts and strengths
    ("Omeprazole 20mg gastro-resistant capsules", "omeprazole", "proton_pump_inhibitor"),
    ("losartan potassium", "losartan", "angiotensin_receptor_blocker"),
    ("salmeterol xinafoate", "salmeterol", "long_acting_beta2_agonist"),
    ("salbutamol sulphate", "salbutamol", "short_acting_beta2_agonist"),
    ("rosuvastatin calcium", "rosuvastatin", "statin"),
    ("quinine sulphate 300mg", "quinine", "quinine"),
    # misspellings: one letter added, removed or changed
    ("seretid", "fluticasone/salmeterol", "long_acting_beta2_agonist"),
    ("evsta", "raloxifene", "serm"),
    ("prollia", "denosumab", "bone_resorption_inhibitor"),
    ("lirica", "pregabalin", "gabapentinoid"),
    ("klonopn", "clonazepam", "other_reported"),
    ("dexamethason", "dexamethasone", "other_reported"),
    ("aldacton", "spironolactone", "potassium_sparing_diuretic"),
    ("rosuvastaton", "rosuvastatin", "statin"),
    ("lisinoprl", "lisinopril", "ace_inhibitor"),
    # no known link (anticoagulants keep their own caution)
    ("Eliquis", "apixaban", "none"),
    ("Xarelto", "rivaroxaban", "none"),
    ("Pradaxa", "dabigatran", "none"),
    ("warfarin", "warfarin", "none"),
    ("clarithromycin", "clarithromycin", "none"),
    ("Klacid", "clarithromycin", "none"),
    ("Klaricid XL", "clarithromycin", "none"),
    ("heparin", "heparin", "none"),
    ("erythromycin", "erythromycin", "none"),
    ("itraconazole", "itraconazole", "none"),
    ("Sporanox", "itraconazole", "none"),
    ("ketoconazole", "ketoconazole", "none"),
    ("fusidic acid", "fusidic acid", "none"),
    ("Fucidin", "fusidic acid", "none"),
    ("colchicine", "colchicine", "none"),
    ("amiodarone", "amiodarone", "none"),
    ("baclofen", "baclofen", "none"),
    # supplements: class none, never unknown
    ("magnesium", "magnesium", "none"),
    ("magnesium citrate", "magnesium", "none"),
    ("Magnesium glycinate 200 mg", "magnesium", "none"),
    ("magnesium oxide", "magnesium", "none"),
    ("Slow-Mag", "magnesium", "none"),
    ("potassium chloride", "potassium", "none"),
    ("Sando-K", "potassium", "none"),
    ("vitamin B complex", "vitamin b complex", "none"),
    ("B12", "cyanocobalamin", "none"),
    ("multivitamins", "multivitamin", "none"),
    ("Centrum", "multivitamin", "none"),
    ("Pregnacare", "pregnancy multivitamin", "none"),
    ("Pregnacare Plus", "pregnancy multivitamin", "none"),
    ("prenatal vitamins", "pregnancy multivitamin", "none"),
    ("calcium carbonate", "calcium", "none"),
    ("vitamin D3", "colecalciferol", "none"),
    ("vitamin K2", "menaquinone", "none"),
    ("Adcal-D3", "calcium/colecalciferol", "none"),
    ("ferrous sulphate 200mg", "ferrous sulfate", "none"),
    ("Floradix", "iron", "none"),
    ("fish oil", "fish oil", "none"),
    # brands of other countries (FR, DE, AU, IN) and over-the-counter combinations
    ("Fludex", "indapamide", "thiazide_diuretic"),
    ("Lasilix", "furosemide", "loop_diuretic"),
    ("Furix", "furosemide", "loop_diuretic"),
    ("Urex", "furosemide", "loop_diuretic"),
    ("Torem", "torasemide", "loop_diuretic"),
    ("Dytor 10", "torasemide", "loop_diuretic"),
    ("Spiractin", "spironolactone", "potassium_sparing_diuretic"),
    ("Amizide", "amiloride/hydrochlorothiazide", "potassium_sparing_diuretic"),
    ("Sortis 20 mg", "atorvastatin", "statin"),
    ("Tahor", "atorvastatin", "statin"),
    ("Atorva 10", "atorvastatin", "statin"),
    ("Lipex", "simvastatin", "statin"),
    ("Rosuvas", "rosuvastatin", "statin"),
    ("Elisor", "pravastatin", "statin"),
    ("Lipidil", "fenofibrate", "fibrate"),
    ("Asthalin inhaler", "salbutamol", "short_acting_beta2_agonist"),
    ("Seroflo 250", "fluticasone/salmeterol", "long_acting_beta2_agonist"),
    ("Foracort", "budesonide/formoterol", "long_acting_beta2_agonist"),
    ("Mopral", "omeprazole", "proton_pump_inhibitor"),
    ("Omez", "omeprazole", "proton_pump_inhibitor"),
    ("Inexium", "esomeprazole", "proton_pump_inhibitor"),
    ("Pantoloc 40", "pantoprazole", "proton_pump_inhibitor"),
    ("Pantozol", "pantoprazole", "proton_pump_inhibitor"),
    ("Somac", "pantoprazole", "proton_pump_inhibitor"),
    ("Delix", "ramipril", "ace_inhibitor"),
    ("Blopress", "candesartan", "angiotensin_receptor_blocker"),
    ("Karvezide", "hydrochlorothiazide/irbesartan", "thiazide_diuretic"),
    ("Telma 40", "telmisartan", "angiotensin_receptor_blocker"),
    ("Amlong", "amlodipine", "calcium_channel_blocker"),
    ("Coveram", "amlodipine/perindopril", "calcium_channel_blocker"),
    ("Doliprane", "paracetamol", "none"),
    ("Dolo 650", "paracetamol", "none"),
    ("Crocin", "paracetamol", "none"),
    ("Panamax", "paracetamol", "none"),
    ("Kardegic", "aspirin", "none"),
    ("Nurofen Plus", "codeine/ibuprofen", "nsaid"),
    ("Aleve PM", "diphenhydramine/naproxen", "nsaid"),
    ("Tylenol PM", "diphenhydramine/paracetamol", "none"),
    # strengths written out, and how often it is taken
    ("furosemide 20 milligrams", "furosemide", "loop_diuretic"),
    ("Ventolin 100 micrograms", "salbutamol", "short_acting_beta2_agonist"),
    ("colchicine 500 micrograms", "colchicine", "none"),
    ("Lasix 40mg once a day", "furosemide", "loop_diuretic"),
    ("atorvastatin 20mg at night", "atorvastatin", "statin"),
    ("ramipril 5mg od", "ramipril", "ace_inhibitor"),
    ("Symbicort 200/6 two puffs twice a day", "budesonide/formoterol", "long_acting_beta2_agonist"),
]


@pytest.mark.parametrize(("name", "generic", "med_class"), NAMES, ids=[n[0] for n in NAMES])
def test_name_resolves_to_its_generic_and_class(name: str, generic: str, med_class: str) -> None:
    info = resolve(name)
    assert info is not None, name
    assert (info.generic, info.class_.value) == (generic, med_class)


@pytest.mark.parametrize(
    ("line", "generics"),
    [
        ("simvastatin 40mg, clarithromycin 500mg", ["simvastatin", "clarithromycin"]),
        ("lithium, ibuprofen", ["lithium", "ibuprofen"]),
        ("Seretide and Ventolin", ["fluticasone/salmeterol", "salbutamol"]),
        ("hydrochlorothiazide and lisinopril", ["hydrochlorothiazide", "lisinopril"]),
        ("Lasix; Lipitor", ["furosemide", "atorvastatin"]),
        # one per line, numbered, bulleted: a strength's point ("2.5mg") is no list number
        ("lithium 400mg\nramipril 5mg", ["lithium", "ramipril"]),
        ("1. carboplatin 2. ondansetron", ["carboplatin", "ondansetron"]),
        ("1) lithium 400mg 2) ramipril 5mg", ["lithium", "ramipril"]),
        ("1. bendroflumethiazide 2.5mg 2. amlodipine 5mg", ["bendroflumethiazide", "amlodipine"]),
        ("- furosemide\n- simvastatin 40mg", ["furosemide", "simvastatin"]),
        ("• Lasix\r\n• Lipitor 20mg", ["furosemide", "atorvastatin"]),
        ("10. carboplatin", ["carboplatin"]),  # a list of one
        ("1. Telma-H", ["hydrochlorothiazide/telmisartan"]),
    ],
)
def test_a_line_listing_medicines_is_read_as_each_of_them(line: str, generics: list[str]) -> None:
    # Never merged into a combination product that may not exist, which loses the classes
    # and the interactions between them.
    result = check_names([line])
    assert [m.generic for m in result.medications] == generics
    assert result.unknown == []


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("Adizem-XL 240mg", "diltiazem"),
        ("Zocor-40mg", "simvastatin"),
        ("Telma-H", None),
        ("vitamin B-12 1mg", "cyanocobalamin"),  # a bare number may be part of the name
        ("vitamin k-2 100mcg", "menaquinone"),
    ],
)
def test_a_form_or_strength_written_on_with_a_hyphen_is_left_off(
    name: str, generic: str | None
) -> None:
    info = resolve(name)
    if generic is None:  # a combination mark is no form: never read as the one medicine
        assert info is None or "/" in info.generic
    else:
        assert info is not None and info.generic == generic


@pytest.mark.parametrize("line", ["Benylin Day and Night", "Lemsip Cold & Flu"])
def test_a_product_name_joined_by_and_with_no_part_known_stays_whole(line: str) -> None:
    result = check_names([line])
    assert result.medications == [] and result.unknown == [line]


@pytest.mark.parametrize(
    ("line", "hinted"),
    [("water tablet and statin", 2), ("statin & antibiotic", 2), ("ramipril and painkiller", 1)],
)
def test_everyday_words_joined_by_and_are_each_kept_with_their_hints(
    line: str, hinted: int
) -> None:
    result = check_names([line])
    assert len(result.hints) == hinted and line not in result.unknown


def test_unknown_names_in_a_written_list_are_each_named() -> None:
    assert check_names(["xyzzy, qwerty"]).unknown == ["xyzzy", "qwerty"]
    result = check_names(["ramipril and Beechams"])
    assert [m.generic for m in result.medications] == ["ramipril"]
    assert result.unknown == ["Beechams"]


def test_a_line_listing_medicines_keeps_their_interactions() -> None:
    kinds = {i.kind.value for i in check_names(["lithium, ibuprofen"]).interactions}
    assert "lithium_toxicity" in kinds


@pytest.mark.parametrize(
    "name",
    [
        "Lasix (bendroflumethiazide)",  # a brand and a generic that are two medicines
        "Losartan Plus xyz",  # a combination mark: matched exactly or not at all
        "Telmisarten H",  # never a spelling match that drops the second medicine
        "iron infusion",  # an everyday word for several medicines, not oral iron
    ],
)
def test_a_name_that_could_be_guessed_wrong_is_unknown(name: str) -> None:
    assert resolve(name) is None


SUPPLEMENTS = [
    ("magnesium citrate", "magnesium"),
    ("potassium chloride", "potassium"),
    ("vitamin B complex", "vitamin_b"),
    ("Centrum", "multivitamin"),
    ("Pregnacare", "pregnancy_multivitamin"),
    ("Caltrate", "calcium"),
    ("vitamin D", "vitamin_d"),
    ("MK-7", "vitamin_k2"),
    ("ferrous fumarate", "iron"),
    ("Adcal-D3", "calcium"),
    ("coenzyme Q10", "other_supplement"),
]


@pytest.mark.parametrize(("name", "kind"), SUPPLEMENTS, ids=[s[0] for s in SUPPLEMENTS])
def test_a_supplement_is_recognised_with_its_own_advice(name: str, kind: str) -> None:
    result = check_names([name])
    assert result.unknown == []
    (med,) = result.medications
    assert med.supplement == kind
    assert med.to_json()["kind"] == "supplement"
    assert med.class_.value == "none" and med.cramp_link.value == "none"
    assert med.advice and med.sources


EVERYDAY = [
    ("water tablet", "furosemide"),
    ("Water pills", "bendroflumethiazide"),
    ("statin", "atorvastatin"),
    ("blood pressure pill", "amlodipine"),
    ("blood pressure tablets", "ramipril"),
    ("cholesterol tablet", "simvastatin"),
    ("inhaler", "salbutamol"),
    ("blue inhaler", "salbutamol"),
    ("HRT", "estradiol"),
    ("the pill", "ethinylestradiol/levonorgestrel"),
    ("sleeping tablet", "zopiclone"),
    ("painkillers", "paracetamol"),
    ("water tablts", "furosemide"),
    ("chemo", "cisplatin"),
    ("my water tablets", "furosemide"),
]


@pytest.mark.parametrize(("word", "one_it_may_mean"), EVERYDAY, ids=[e[0] for e in EVERYDAY])
def test_an_everyday_word_is_unknown_with_a_hint_never_a_guess(
    word: str, one_it_may_mean: str
) -> None:
    result = check_names([word])
    assert result.medications == []
    assert result.unknown == [word]
    (hint,) = result.hints
    assert hint.query == word and one_it_may_mean in hint.may_mean
    assert one_it_may_mean in hint.text
    document = result.to_json()
    assert document["hints"] == [hint.to_json()]


UNKNOWN = ["xyz", "banana", "sugar", "coffee", "advare", "notamedicine", "water", "zotor"]


@pytest.mark.parametrize("name", UNKNOWN)
def test_a_name_that_matches_nothing_is_unknown_without_a_hint(name: str) -> None:
    result = check_names([name])
    assert result.unknown == [name]
    assert result.hints == [] and result.medications == []


@pytest.mark.parametrize("name", ["nuerontin", "lisniopril", "carbopaltin", "ambein", "enuorntin"])
def test_two_neighbouring_letters_swapped_are_two_edits_and_unknown(name: str) -> None:
    # VOCABULARY.md: one edit is one letter added, removed or changed; a swap changes two.
    assert resolve(name) is None
    assert check_names([name]).unknown == [name]


def test_the_name_tables_are_large() -> None:
    assert len(NAMES) + len(SUPPLEMENTS) + len(EVERYDAY) + len(UNKNOWN) >= 200


@pytest.mark.parametrize(
    ("text", "mg"),
    [
        ("simvastatin 40 mg", 40.0),
        ("Zocor 10mg", 10.0),
        ("simvastatin 20 milligrams at night", 20.0),
        ("simvastatin 2,5 mg", 2.5),
        ("simvastatin", None),
        ("Inegy 10/40", None),
        ("simvastatin 20mg twice a day", None),
        ("simvastatin 20 mg BD", None),
        ("simvastatin 10mg two tablets", None),
        ("simvastatin 10 mg x2", None),
        ("simvastatin 40mg b.i.d.", None),
        ("simvastatin 40mg 1x daily", None),
        ("simvastatin 40mg qhs", 40.0),
    ],
)
def test_a_days_dose_is_read_only_when_written_plainly(text: str, mg: float | None) -> None:
    assert strength_mg(text) == mg
