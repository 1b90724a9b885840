"""Medication review: generics, US/UK brands, combinations, one-edit misspellings, unknowns."""

from __future__ import annotations

import datetime as dt

import pytest

from nightcramp.core.knowledge.grades import Grade
from nightcramp.core.meds import (
    CrampLink,
    MedClass,
    check_names,
    load_meds_wording,
    might_cause_cramps,
    resolve,
    started_before_cramps,
)
from nightcramp.core.meds.names import load_dictionary

# (name as typed, generic, class)
NAMES: list[tuple[str, str, str]] = [
    # loop diuretics
    ("furosemide", "furosemide", "loop_diuretic"),
    ("Frusemide", "furosemide", "loop_diuretic"),
    ("LASIX", "furosemide", "loop_diuretic"),
    ("bumetanide", "bumetanide", "loop_diuretic"),
    ("Bumex", "bumetanide", "loop_diuretic"),
    ("Burinex", "bumetanide", "loop_diuretic"),
    ("torsemide", "torasemide", "loop_diuretic"),
    ("Torasemide", "torasemide", "loop_diuretic"),
    ("Demadex", "torasemide", "loop_diuretic"),
    # thiazides
    ("hydrochlorothiazide", "hydrochlorothiazide", "thiazide_diuretic"),
    ("HCTZ", "hydrochlorothiazide", "thiazide_diuretic"),
    ("Microzide", "hydrochlorothiazide", "thiazide_diuretic"),
    ("chlorthalidone", "chlortalidone", "thiazide_diuretic"),
    ("chlortalidone", "chlortalidone", "thiazide_diuretic"),
    ("Thalitone", "chlortalidone", "thiazide_diuretic"),
    ("indapamide", "indapamide", "thiazide_diuretic"),
    ("Natrilix SR", "indapamide", "thiazide_diuretic"),
    ("bendroflumethiazide", "bendroflumethiazide", "thiazide_diuretic"),
    ("bendrofluazide", "bendroflumethiazide", "thiazide_diuretic"),
    ("metolazone", "metolazone", "thiazide_diuretic"),
    ("Zaroxolyn", "metolazone", "thiazide_diuretic"),
    # potassium-sparing
    ("spironolactone", "spironolactone", "potassium_sparing_diuretic"),
    ("Aldactone", "spironolactone", "potassium_sparing_diuretic"),
    ("eplerenone", "eplerenone", "potassium_sparing_diuretic"),
    ("Inspra", "eplerenone", "potassium_sparing_diuretic"),
    ("amiloride", "amiloride", "potassium_sparing_diuretic"),
    ("triamterene", "triamterene", "potassium_sparing_diuretic"),
    ("Kerendia", "finerenone", "potassium_sparing_diuretic"),
    # diuretic combinations
    ("co-amilofruse", "amiloride/furosemide", "potassium_sparing_diuretic"),
    ("Frumil", "amiloride/furosemide", "potassium_sparing_diuretic"),
    ("co-amilozide", "amiloride/hydrochlorothiazide", "potassium_sparing_diuretic"),
    ("Moduretic", "amiloride/hydrochlorothiazide", "potassium_sparing_diuretic"),
    ("Dyazide", "hydrochlorothiazide/triamterene", "potassium_sparing_diuretic"),
    ("Maxzide", "hydrochlorothiazide/triamterene", "potassium_sparing_diuretic"),
    ("Aldactazide", "hydrochlorothiazide/spironolactone", "potassium_sparing_diuretic"),
    ("Zestoretic", "hydrochlorothiazide/lisinopril", "thiazide_diuretic"),
    ("Hyzaar", "hydrochlorothiazide/losartan", "thiazide_diuretic"),
    ("Tenoretic", "atenolol/chlortalidone", "thiazide_diuretic"),
    ("Co-Diovan", "hydrochlorothiazide/valsartan", "thiazide_diuretic"),
    ("Coversyl Plus", "indapamide/perindopril", "thiazide_diuretic"),
    # LABA and combination inhalers
    ("salmeterol", "salmeterol", "long_acting_beta2_agonist"),
    ("Serevent", "salmeterol", "long_acting_beta2_agonist"),
    ("formoterol", "formoterol", "long_acting_beta2_agonist"),
    ("eformoterol", "formoterol", "long_acting_beta2_agonist"),
    ("Oxis", "formoterol", "long_acting_beta2_agonist"),
    ("Foradil", "formoterol", "long_acting_beta2_agonist"),
    ("indacaterol", "indacaterol", "long_acting_beta2_agonist"),
    ("Onbrez", "indacaterol", "long_acting_beta2_agonist"),
    ("olodaterol", "olodaterol", "long_acting_beta2_agonist"),
    ("Symbicort", "budesonide/formoterol", "long_acting_beta2_agonist"),
    ("DuoResp Spiromax", "budesonide/formoterol", "long_acting_beta2_agonist"),
    ("Advair", "fluticasone/salmeterol", "long_acting_beta2_agonist"),
    ("Advair Diskus", "fluticasone/salmeterol", "long_acting_beta2_agonist"),
    ("Seretide", "fluticasone/salmeterol", "long_acting_beta2_agonist"),
    ("Wixela", "fluticasone/salmeterol", "long_acting_beta2_agonist"),
    ("Breo Ellipta", "fluticasone/vilanterol", "long_acting_beta2_agonist"),
    ("Relvar", "fluticasone/vilanterol", "long_acting_beta2_agonist"),
    ("Dulera", "formoterol/mometasone", "long_acting_beta2_agonist"),
    ("Fostair", "beclometasone/formoterol", "long_acting_beta2_agonist"),
    ("Flutiform", "fluticasone/formoterol", "long_acting_beta2_agonist"),
    ("Anoro", "umeclidinium/vilanterol", "long_acting_beta2_agonist"),
    ("Spiolto", "olodaterol/tiotropium", "long_acting_beta2_agonist"),
    ("Stiolto", "olodaterol/tiotropium", "long_acting_beta2_agonist"),
    ("Ultibro", "glycopyrronium/indacaterol", "long_acting_beta2_agonist"),
    ("Trelegy Ellipta", "fluticasone/umeclidinium/vilanterol", "long_acting_beta2_agonist"),
    ("Trimbow", "beclometasone/formoterol/glycopyrronium", "long_acting_beta2_agonist"),
    ("Breztri", "budesonide/formoterol/glycopyrronium", "long_acting_beta2_agonist"),
    ("budesonide/formoterol", "budesonide/formoterol", "long_acting_beta2_agonist"),
    ("formoterol + budesonide", "budesonide/formoterol", "long_acting_beta2_agonist"),
    # SABA
    ("salbutamol", "salbutamol", "short_acting_beta2_agonist"),
    ("albuterol", "salbutamol", "short_acting_beta2_agonist"),
    ("Ventolin", "salbutamol", "short_acting_beta2_agonist"),
    ("ProAir", "salbutamol", "short_acting_beta2_agonist"),
    ("Salamol", "salbutamol", "short_acting_beta2_agonist"),
    ("levalbuterol", "levosalbutamol", "short_acting_beta2_agonist"),
    ("terbutaline", "terbutaline", "short_acting_beta2_agonist"),
    ("Bricanyl", "terbutaline", "short_acting_beta2_agonist"),
    ("Combivent", "ipratropium/salbutamol", "short_acting_beta2_agonist"),
    # statins and fibrates
    ("atorvastatin", "atorvastatin", "statin"),
    ("Lipitor", "atorvastatin", "statin"),
    ("simvastatin", "simvastatin", "statin"),
    ("Zocor", "simvastatin", "statin"),
    ("rosuvastatin", "rosuvastatin", "statin"),
    ("Crestor", "rosuvastatin", "statin"),
    ("pravastatin", "pravastatin", "statin"),
    ("Pravachol", "pravastatin", "statin"),
    ("lovastatin", "lovastatin", "statin"),
    ("Livalo", "pitavastatin", "statin"),
    ("Lescol", "fluvastatin", "statin"),
    ("Vytorin", "ezetimibe/simvastatin", "statin"),
    ("Inegy", "ezetimibe/simvastatin", "statin"),
    ("Caduet", "amlodipine/atorvastatin", "statin"),
    ("fenofibrate", "fenofibrate", "fibrate"),
    ("Tricor", "fenofibrate", "fibrate"),
    ("Lipantil", "fenofibrate", "fibrate"),
    ("gemfibrozil", "gemfibrozil", "fibrate"),
    ("Bezalip", "bezafibrate", "fibrate"),
    # ACE inhibitors and ARBs
    ("lisinopril", "lisinopril", "ace_inhibitor"),
    ("Zestril", "lisinopril", "ace_inhibitor"),
    ("ramipril", "ramipril", "ace_inhibitor"),
    ("Tritace", "ramipril", "ace_inhibitor"),
    ("Altace", "ramipril", "ace_inhibitor"),
    ("enalapril", "enalapril", "ace_inhibitor"),
    ("perindopril", "perindopril", "ace_inhibitor"),
    ("Coversyl", "perindopril", "ace_inhibitor"),
    ("losartan", "losartan", "angiotensin_receptor_blocker"),
    ("Cozaar", "losartan", "angiotensin_receptor_blocker"),
    ("candesartan", "candesartan", "angiotensin_receptor_blocker"),
    ("Amias", "candesartan", "angiotensin_receptor_blocker"),
    ("valsartan", "valsartan", "angiotensin_receptor_blocker"),
    ("irbesartan", "irbesartan", "angiotensin_receptor_blocker"),
    ("telmisartan", "telmisartan", "angiotensin_receptor_blocker"),
    ("Entresto", "sacubitril/valsartan", "angiotensin_receptor_blocker"),
    # calcium channel blockers
    ("amlodipine", "amlodipine", "calcium_channel_blocker"),
    ("Norvasc", "amlodipine", "calcium_channel_blocker"),
    ("Istin", "amlodipine", "calcium_channel_blocker"),
    ("nifedipine", "nifedipine", "calcium_channel_blocker"),
    ("Adalat", "nifedipine", "calcium_channel_blocker"),
    ("felodipine", "felodipine", "calcium_channel_blocker"),
    ("diltiazem", "diltiazem", "none"),
    ("verapamil", "verapamil", "none"),
    ("Exforge", "amlodipine/valsartan", "calcium_channel_blocker"),
    # hormones, bone, iron
    ("raloxifene", "raloxifene", "serm"),
    ("Evista", "raloxifene", "serm"),
    ("tamoxifen", "tamoxifen", "serm"),
    ("Duavee", "bazedoxifene/conjugated oestrogens", "serm"),
    ("Premarin", "conjugated oestrogens", "oestrogen"),
    ("conjugated estrogens", "conjugated oestrogens", "oestrogen"),
    ("estradiol", "estradiol", "oestrogen"),
    ("oestradiol", "estradiol", "oestrogen"),
    ("Microgynon", "ethinylestradiol/levonorgestrel", "oestrogen"),
    ("teriparatide", "teriparatide", "teriparatide"),
    ("Forteo", "teriparatide", "teriparatide"),
    ("Forsteo", "teriparatide", "teriparatide"),
    ("Tymlos", "abaloparatide", "teriparatide"),
    ("iron sucrose", "iron sucrose", "iv_iron"),
    ("Venofer", "iron sucrose", "iv_iron"),
    ("Ferinject", "ferric carboxymaltose", "iv_iron"),
    ("Monofer", "ferric derisomaltose", "iv_iron"),
    # NSAIDs, PPIs, others
    ("naproxen", "naproxen", "nsaid"),
    ("naproxen sodium", "naproxen", "nsaid"),
    ("Aleve", "naproxen", "nsaid"),
    ("Naprosyn", "naproxen", "nsaid"),
    ("celecoxib", "celecoxib", "nsaid"),
    ("ibuprofen", "ibuprofen", "nsaid"),
    ("Vimovo", "esomeprazole/naproxen", "nsaid"),
    ("omeprazole", "omeprazole", "proton_pump_inhibitor"),
    ("Prilosec", "omeprazole", "proton_pump_inhibitor"),
    ("Losec", "omeprazole", "proton_pump_inhibitor"),
    ("Nexium", "esomeprazole", "proton_pump_inhibitor"),
    ("lansoprazole", "lansoprazole", "proton_pump_inhibitor"),
    ("Zoton", "lansoprazole", "proton_pump_inhibitor"),
    ("pantoprazole", "pantoprazole", "proton_pump_inhibitor"),
    ("Pariet", "rabeprazole", "proton_pump_inhibitor"),
    ("donepezil", "donepezil", "cholinesterase_inhibitor"),
    ("Aricept", "donepezil", "cholinesterase_inhibitor"),
    ("pyridostigmine", "pyridostigmine", "cholinesterase_inhibitor"),
    ("lithium carbonate", "lithium", "lithium"),
    ("Priadel", "lithium", "lithium"),
    ("Lithobid", "lithium", "lithium"),
    ("quinine sulfate", "quinine", "quinine"),
    ("quinine bisulphate", "quinine", "quinine"),
    ("Qualaquin", "quinine", "quinine"),
    # no known link
    ("paracetamol", "paracetamol", "none"),
    ("acetaminophen", "paracetamol", "none"),
    ("Tylenol", "paracetamol", "none"),
    ("metformin", "metformin", "none"),
    ("apixaban", "apixaban", "none"),
    ("Eliquis", "apixaban", "none"),
    ("warfarin", "warfarin", "none"),
    ("amoxicillin", "amoxicillin", "none"),
    ("loratadine", "loratadine", "none"),
    ("ferrous sulfate", "ferrous sulfate", "none"),
    ("ferrous sulphate", "ferrous sulfate", "none"),
    ("levothyroxine", "levothyroxine", "other_reported"),
    ("Synthroid", "levothyroxine", "other_reported"),
    ("sertraline", "sertraline", "other_reported"),
    ("aspirin", "aspirin", "none"),
    ("clopidogrel", "clopidogrel", "none"),
    ("Co-amoxiclav", "amoxicillin/clavulanic acid", "none"),
    ("Norvir", "ritonavir", "other_reported"),
    ("Paxlovid", "nirmatrelvir/ritonavir", "other_reported"),
    ("Almogran", "almotriptan", "none"),
    ("Praxilene", "naftidrofuryl", "none"),
    ("Trental", "pentoxifylline", "none"),
    ("Livial", "tibolone", "none"),
    ("carbocysteine", "carbocisteine", "none"),
    ("Valdoxan", "agomelatine", "none"),
    ("Azopt", "brinzolamide", "other_reported"),
    ("Latuda", "lurasidone", "other_reported"),
    ("Evenity", "romosozumab", "other_reported"),
    ("Selincro", "nalmefene", "other_reported"),
    ("Azilect", "rasagiline", "none"),
    ("Gilenya", "fingolimod", "none"),
    ("Vectibix", "panitumumab", "other_reported"),
    ("Zantac 360", "famotidine", "other_reported"),  # not ranitidine: "360" is no strength
    ("Zantac 360 tablets", "famotidine", "other_reported"),
    ("Zebinix", "eslicarbazepine", "other_reported"),
    ("Bonviva", "ibandronic acid", "other_reported"),
    ("Fosamax", "alendronic acid", "other_reported"),  # cramps of low calcium (leaflet)
    ("Humira", "adalimumab", "other_reported"),
    ("Risperdal", "risperidone", "other_reported"),
    ("Circadin", "melatonin", "other_reported"),
    ("Neupro", "rotigotine", "none"),
    ("Relpax", "eletriptan", "none"),
    ("Migard", "frovatriptan", "none"),
    ("Levitra", "vardenafil", "none"),
    ("Xonvea", "doxylamine/pyridoxine", "none"),
    ("Pepto-Bismol", "bismuth subsalicylate", "none"),
    ("Xalatan", "latanoprost", "none"),
    ("simethicone", "simeticone", "none"),
    ("Abilify", "aripiprazole", "other_reported"),  # spasms in its leaflet
    ("AmBisome", "amphotericin b", "other_reported"),
    ("Foscavir", "foscarnet", "other_reported"),
    ("Gaviscon Advance", "alginic acid", "none"),
    ("St John's Wort", "st john's wort", "none"),
    ("hypericum", "st john's wort", "none"),
    ("Tavor", "lorazepam", "none"),  # not Tahor (atorvastatin) one letter away
    ("Night Nurse", "dextromethorphan/paracetamol/promethazine", "other_reported"),
    ("Maxolon", "metoclopramide", "other_reported"),  # dystonia, as other antipsychotics
    ("Ranexa", "ranolazine", "other_reported"),
    ("Canesten", "clotrimazole", "none"),
    ("calcium with vitamin D", "calcium/colecalciferol", "none"),  # two things, not a salt
    ("calcium + vitamin D3", "calcium/colecalciferol", "none"),
    ("magnesium with vitamin B6", "magnesium/pyridoxine", "none"),
    # salts, strengths and forms
    ("amlodipine besylate", "amlodipine", "calcium_channel_blocker"),
    ("Furosemide 40 mg tablets", "furosemide", "loop_diuretic"),
    ("atorvastatin calcium", "atorvastatin", "statin"),
    ("Symbicort Turbohaler 200/6", "budesonide/formoterol", "long_acting_beta2_agonist"),
    ("  lasix  ", "furosemide", "loop_diuretic"),
    # one-edit misspellings
    ("furosemid", "furosemide", "loop_diuretic"),
    ("furosemmide", "furosemide", "loop_diuretic"),
    ("symbicrt", "budesonide/formoterol", "long_acting_beta2_agonist"),
    ("Symbicourt", "budesonide/formoterol", "long_acting_beta2_agonist"),
    ("ventolinn", "salbutamol", "short_acting_beta2_agonist"),
    ("albuterl", "salbutamol", "short_acting_beta2_agonist"),
    ("atorvastatine", "atorvastatin", "statin"),
    ("simvastatn", "simvastatin", "statin"),
    ("lipitorr", "atorvastatin", "statin"),
    ("spironolacton", "spironolactone", "potassium_sparing_diuretic"),
    ("hydrochlorthiazide", "hydrochlorothiazide", "thiazide_diuretic"),
    ("indapamid", "indapamide", "thiazide_diuretic"),
    ("zestoretik", "hydrochlorothiazide/lisinopril", "thiazide_diuretic"),
    ("co-amilofruce", "amiloride/furosemide", "potassium_sparing_diuretic"),
    ("omeprazol", "omeprazole", "proton_pump_inhibitor"),
    ("amlodipin", "amlodipine", "calcium_channel_blocker"),
    ("raloxifen", "raloxifene", "serm"),
    ("paracetamoll", "paracetamol", "none"),
    ("metformine", "metformin", "none"),
    ("quinnine", "quinine", "quinine"),
    ("donepezill", "donepezil", "cholinesterase_inhibitor"),
    ("naproxin", "naproxen", "nsaid"),
    # four letters typed: a five-letter name with one letter left out
    ("Zocr", "simvastatin", "statin"),
    ("Zocr", "simvastatin", "statin"),
    # brands of other countries, and how packs and devices are written
    ("Lithicarb", "lithium", "lithium"),
    ("Estradot", "estradiol", "oestrogen"),
    ("Lucette", "drospirenone/ethinylestradiol", "oestrogen"),
    ("Angeliq", "drospirenone/estradiol", "oestrogen"),
    ("Cilique", "ethinylestradiol/norgestimate", "oestrogen"),
    ("Bufomix", "budesonide/formoterol", "long_acting_beta2_agonist"),
    ("Wixela Inhub", "fluticasone/salmeterol", "long_acting_beta2_agonist"),
    ("Lantus SoloStar", "insulin glargine", "none"),
    ("Losec MUPS 20mg", "omeprazole", "proton_pump_inhibitor"),
    ("Adalat Retard 20mg", "nifedipine", "calcium_channel_blocker"),
    ("Tylenol #3", "codeine/paracetamol", "other_reported"),
    ("Zaldiar", "paracetamol/tramadol", "other_reported"),
    ("Targinact", "naloxone/oxycodone", "other_reported"),
    ("Concor", "bisoprolol", "none"),
    ("Cartia XT 180 mg", "diltiazem", "none"),
    # a maker's name first (Canada), most literal first: Nu-Seals stays aspirin
    ("Apo-Atorvastatin 20mg", "atorvastatin", "statin"),
    ("Teva-Rosuvastatin", "rosuvastatin", "statin"),
    ("pms-Metformin", "metformin", "none"),
    ("Nu-Seals", "aspirin", "none"),
    # combined pills, rings and patches are their oestrogen
    ("Femodene", "ethinylestradiol/gestodene", "oestrogen"),
    ("NuvaRing", "ethinylestradiol/etonogestrel", "oestrogen"),
    ("Evra patch", "ethinylestradiol/norelgestromin", "oestrogen"),
    ("Zoely", "estradiol/nomegestrol", "oestrogen"),
    ("Qlaira", "dienogest/estradiol", "oestrogen"),
    ("AirFluSal Forspiro", "fluticasone/salmeterol", "long_acting_beta2_agonist"),
    ("Nuromol", "ibuprofen/paracetamol", "nsaid"),
    ("Hexaquine", "quinine/thiamine", "quinine"),
    ("Limptar N", "quinine", "quinine"),
    ("Sinemet Plus", "carbidopa/levodopa", "none"),
    # labels checked: no cramps or muscle spasms listed
    ("Kwells", "hyoscine hydrobromide", "none"),
    ("Buscopan", "hyoscine butylbromide", "none"),
    ("Xyzal", "levocetirizine", "none"),
    ("Zomig", "zolmitriptan", "none"),
    ("Sudafed Decongestant", "pseudoephedrine", "none"),
    # a supplement, never the painkiller Lodine one letter away
    ("iodine", "iodine", "none"),
]


@pytest.mark.parametrize(("name", "generic", "med_class"), NAMES, ids=[n[0] for n in NAMES])
def test_name_resolves_to_its_generic_and_class(name: str, generic: str, med_class: str) -> None:
    info = resolve(name)
    assert info is not None, name
    assert (info.generic, info.class_.value) == (generic, med_class)


def test_the_name_table_is_large() -> None:
    assert len(NAMES) >= 150


@pytest.mark.parametrize("name", ["xyz", "notamedicine", "", "   ", "zzz-123", "banana"])
def test_unknown_names_are_never_guessed(name: str) -> None:
    assert resolve(name) is None
    assert check_names([name]).unknown == [name]


def test_short_names_never_match_by_spelling() -> None:
    assert resolve("Oxis") is not None
    assert resolve("Oxys") is None
    assert resolve("hctx") is None


def test_a_misspelling_one_edit_from_two_medicines_is_unknown() -> None:
    data = load_dictionary()
    assert "zocor" in data.names and "zoton" in data.names
    assert resolve("zotor") is None  # one edit from Zocor (simvastatin) and Zoton (lansoprazole)


def test_an_exact_match_wins_over_a_misspelling() -> None:
    info = resolve("Losec")
    assert info is not None and info.generic == "omeprazole"


def test_unknown_names_keep_their_order_and_known_ones_are_reported() -> None:
    result = check_names(["Lasix", "xyz", "Ventolin", "abc"])
    assert [m.generic for m in result.medications] == ["furosemide", "salbutamol"]
    assert result.unknown == ["xyz", "abc"]


def test_json_has_the_contract_shape() -> None:
    document = check_names(["Lasix", "xyz"]).to_json()
    med = document["medications"][0]  # type: ignore[index]
    assert set(med) >= {"query", "generic", "class", "cramp_link", "evidence", "advice", "cautions"}
    assert med["query"] == "Lasix" and med["class"] == "loop_diuretic"
    assert med["cramp_link"] == "reported"
    assert document["unknown"] == ["xyz"]


def test_links_follow_the_vocabulary() -> None:
    assert resolve("Symbicort").cramp_link is CrampLink.ESTABLISHED  # type: ignore[union-attr]
    assert resolve("spironolactone").cramp_link is CrampLink.ESTABLISHED  # type: ignore[union-attr]
    assert resolve("omeprazole").cramp_link is CrampLink.INDIRECT  # type: ignore[union-attr]
    assert resolve("quinine").cramp_link is CrampLink.TREATMENT  # type: ignore[union-attr]
    assert resolve("paracetamol").cramp_link is CrampLink.NONE  # type: ignore[union-attr]


def test_no_advice_or_caution_says_stop_taking() -> None:
    data = load_dictionary()
    for info in data.classes.values():
        for text in (info.advice, *info.cautions, info.evidence):
            assert "stop taking" not in text.lower()
    for name in ("Lasix", "Symbicort", "Lipitor", "quinine", "Priadel"):
        med = resolve(name)
        assert med is not None and "prescriber" in med.advice


def test_potassium_sparing_and_ace_inhibitor_together_get_a_potassium_caution() -> None:
    result = check_names(["spironolactone", "ramipril"])
    for med in result.medications:
        assert any("potassium" in c.lower() and "supplement" in c.lower() for c in med.cautions)


def test_potassium_supplement_with_an_ace_inhibitor_is_cautioned() -> None:
    result = check_names(["lisinopril", "potassium chloride"])
    assert all(any("too high" in c for c in m.cautions) for m in result.medications)


def test_statin_with_fibrate_is_cautioned() -> None:
    result = check_names(["simvastatin", "fenofibrate"])
    assert all(any("statin and a fibrate" in c for c in m.cautions) for m in result.medications)


def test_every_class_of_the_vocabulary_has_content() -> None:
    assert set(load_dictionary().classes) == set(MedClass)


def test_a_medicine_started_in_the_weeks_before_cramps_is_pointed_out() -> None:
    began = dt.date(2026, 6, 1)
    started = {
        "indapamide": dt.date(2026, 5, 10),
        "metformin": dt.date(2020, 1, 1),
        "Lipitor": dt.date(2026, 7, 1),
    }
    assert started_before_cramps(started, began) == ["indapamide"]


# ---- v2: links, grades and cautions as VOCABULARY.md and EVIDENCE.md §0.1 say ------------------

VOCABULARY_LINKS = {
    "loop_diuretic": "reported",
    "thiazide_diuretic": "established",
    "potassium_sparing_diuretic": "established",
    "statin": "reported",
    "fibrate": "reported",
    "long_acting_beta2_agonist": "established",
    "short_acting_beta2_agonist": "reported",
    "ace_inhibitor": "reported",
    "angiotensin_receptor_blocker": "reported",
    "calcium_channel_blocker": "reported",
    "serm": "established",
    "oestrogen": "established",
    "teriparatide": "established",
    "iv_iron": "established",
    "nsaid": "reported",
    "proton_pump_inhibitor": "indirect",
    "cholinesterase_inhibitor": "reported",
    "lithium": "reported",
    "quinine": "treatment",
    "platinum_chemotherapy": "indirect",
    "gabapentinoid": "reported",
    "bone_resorption_inhibitor": "indirect",
    "calcimimetic": "indirect",
    "other_reported": "reported",
    "none": "none",
}


def test_every_class_has_the_link_of_the_vocabulary_table() -> None:
    classes = load_dictionary().classes
    assert {c.value: info.cramp_link.value for c, info in classes.items()} == VOCABULARY_LINKS


def test_naproxen_is_established_and_the_other_nsaids_reported() -> None:
    naproxen, ibuprofen = check_names(["naproxen", "ibuprofen"]).medications
    assert naproxen.cramp_link is CrampLink.ESTABLISHED
    assert ibuprofen.cramp_link is CrampLink.REPORTED
    assert "strongly associated" in naproxen.evidence
    assert "strongly associated" not in ibuprofen.evidence


@pytest.mark.parametrize("name", ["Evista", "Premarin", "Forteo", "Venofer", "naproxen"])
def test_the_aafp_strongly_associated_medicines_say_so(name: str) -> None:
    med = resolve(name)
    assert med is not None and "strongly associated" in med.evidence and "AAFP 2012" in med.evidence


def test_a_medicine_of_class_none_never_has_a_link_to_cramps() -> None:
    data = load_dictionary()
    linked_none = [
        e.generic
        for e in data.entries.values()
        if e.med_class is MedClass.NONE and e.cramp_link is not CrampLink.NONE
    ]
    assert linked_none == []


@pytest.mark.parametrize(
    "name",
    [
        "gabapentin",
        "pregabalin",
        "citalopram",
        "zolpidem",
        "clonazepam",
        "cimetidine",
        "prednisolone",
        "dexamethasone",
        "hydrocortisone",
        "Lyrica",
        "Neurontin",
        "Zoloft",
        "ezetimibe",
        "ciclosporin",
        "cisplatin",
        "Prolia",
        "cinacalcet",
        "doxazosin",
        "Cardura XL",
        "Sanomigran",
    ],
)
def test_a_medicine_whose_product_information_lists_cramps_is_never_class_none(name: str) -> None:
    med = resolve(name)
    assert med is not None and med.class_ is not MedClass.NONE and med.linked


def test_medicine_evidence_is_graded_c_except_quinine() -> None:
    for med_class, info in load_dictionary().classes.items():
        expected = Grade.X if med_class is MedClass.QUININE else Grade.C
        assert info.grade is expected, med_class


def test_a_medicine_link_is_never_worded_as_a_remedy() -> None:
    wording = load_meds_wording()
    for grade in Grade:
        assert wording.grade_text(grade).lower() != grade.words.lower()
        assert "commonly advised" not in wording.grade_text(grade).lower()
    med = resolve("Lasix")
    assert med is not None and med.to_json()["grade_words"] == wording.grade_text(med.grade)
    paracetamol = resolve("paracetamol")
    assert paracetamol is not None and paracetamol.grade_words == ""


@pytest.mark.parametrize("name", ["apixaban", "Xarelto", "warfarin", "Pradaxa", "edoxaban"])
def test_an_anticoagulant_is_class_none_with_the_calf_bleeding_caution(name: str) -> None:
    med = resolve(name)
    assert med is not None and med.class_ is MedClass.NONE
    assert any("Bleeding into the calf" in c for c in med.cautions)


def test_vitamin_k2_warns_about_warfarin_and_magnesium_keeps_to_its_limit() -> None:
    k2, magnesium = check_names(["vitamin K2", "magnesium citrate"]).medications
    assert any("warfarin" in c for c in k2.cautions)
    assert "350 mg" in magnesium.advice
    assert any("kidney" in c.lower() for c in magnesium.cautions)


def test_a_potassium_supplement_with_an_ace_inhibitor_is_cautioned_by_kind() -> None:
    result = check_names(["ramipril", "Sando-K"])
    assert all(any("too high" in c for c in m.cautions) for m in result.medications)


def test_the_json_document_adds_hints_and_interactions_only_when_there_are_some() -> None:
    assert set(check_names(["Lasix", "xyz"]).to_json()) == {"medications", "unknown"}
    document = check_names(["Zocor", "Klacid", "statin"]).to_json()
    assert set(document) == {"medications", "unknown", "hints", "interactions"}
    (med,) = check_names(["Lasix"]).medications
    assert med.to_json()["kind"] == "medicine" and "supplement" not in med.to_json()


def test_no_reader_text_carries_an_editorial_note() -> None:
    names = ["Lasix", "magnesium", "Prolia", "cisplatin", "Zocor", "Klacid", "water tablet", "qq"]
    text = str(check_names(names).to_json()).lower()
    for marker in ("unverified", "check before release", "current revision", "todo"):
        assert marker not in text


@pytest.mark.parametrize(
    "name", ["bisoprolol", "Cardicor", "atenolol", "metoprolol", "propranolol", "nebivolol"]
)
def test_beta_blockers_are_not_linked_to_cramps(name: str) -> None:
    # EVIDENCE.md §5.1: beta-blockers are a negative control (no signal): "not associated".
    info = resolve(name)
    assert info is not None and info.class_.value == "none", name


@pytest.mark.parametrize(
    ("name", "might"),
    [
        ("bendroflumethiazide", True),
        ("atorvastatin 20 mg", True),
        ("Magnesium citrate", False),
        ("paracetamol", False),
        ("bisoprolol", False),
        ("Zylotrex", True),  # not known: never ruled out
    ],
)
def test_only_a_linked_or_unknown_medicine_might_cause_cramps(name: str, might: bool) -> None:
    assert might_cause_cramps(name) is might


@pytest.mark.parametrize("name", ["folic acid", "B12", "vitamin B1", "hydroxocobalamin"])
def test_a_single_b_vitamin_is_not_the_tested_complex(name: str) -> None:
    (info,) = check_names([name]).medications
    assert info.supplement == "single_b_vitamin"
    assert info.grade is not Grade.B  # the small trial tested a vitamin B complex
    assert not any("B6" in c for c in info.cautions)


def test_vitamin_b6_alone_keeps_its_nerve_caution() -> None:
    (info,) = check_names(["vitamin B6"]).medications
    assert info.supplement == "single_b_vitamin"
    assert any("vitamin B6" in c for c in info.cautions)


@pytest.mark.parametrize(
    "name",
    [
        "phenprocoumon",
        "Marcumar",
        "fluindione",
        "Previscan",
        "Fraxiparine",
        "Arixtra",
        "Zibor",
        *sorted(load_dictionary().groups["anticoagulant"]),
    ],
)
def test_every_anticoagulant_carries_the_calf_bleed_caution_once(name: str) -> None:
    (info,) = check_names([name]).medications
    assert info.class_ is MedClass.NONE
    assert sum("Bleeding into the calf" in c for c in info.cautions) == 1


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("Nexletol", "bempedoic acid"),
        ("Nustendi", "bempedoic acid/ezetimibe"),
        ("Praluent", "alirocumab"),
        ("fludrocortisone", "fludrocortisone"),
        ("Ritalin", "methylphenidate"),
        ("Strattera", "atomoxetine"),
        ("buspirone", "buspirone"),
        ("Vimpat", "lacosamide"),
        ("Comtess", "entacapone"),
        ("Champix", "varenicline"),
        ("Aimovig", "erenumab"),
        ("Butrans", "buprenorphine"),
        ("DDAVP", "desmopressin"),
        ("Repatha", "evolocumab"),
        ("niacin", "nicotinic acid"),
        ("Pletal", "cilostazol"),
        ("Glivec", "imatinib"),
        ("Revlimid", "lenalidomide"),
        ("Prograf", "tacrolimus"),
        ("Arava", "leflunomide"),
        ("leuprolide", "leuprorelin"),
        ("Daxas", "roflumilast"),
        ("Kenalog", "triamcinolone"),
        ("Phenergan", "promethazine"),
        ("Ciproxin", "ciprofloxacin"),
        ("Desmospray", "desmopressin"),
        ("Suboxone", "buprenorphine/naloxone"),
        ("Stalevo", "carbidopa/entacapone/levodopa"),
    ],
)
def test_medicines_whose_labels_list_muscle_spasms_are_other_reported(
    name: str, generic: str
) -> None:
    (info,) = check_names([name]).medications
    assert (info.generic, info.class_) == (generic, MedClass.OTHER_REPORTED)


@pytest.mark.parametrize(
    ("name", "none"), [("none", True), ("N/A", True), ("Nil", True), ("nonsense", False)]
)
def test_words_that_say_no_medicines(name: str, none: bool) -> None:
    from nightcramp.core.meds.names import means_no_medicine

    assert means_no_medicine(name) is none
    assert check_names([name]).unknown == [name]  # meds check still says it is not a medicine


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("Atarax", "hydroxyzine"),
        ("meclizine", "meclozine"),
        ("Leqvio", "inclisiran"),
        ("Rasilez", "aliskiren"),
        ("Trulicity", "dulaglutide"),
        ("Tresiba", "insulin degludec"),
        ("Insulin (Lantus)", "insulin glargine"),
        ("Humulin R", "insulin human"),
        ("Humulin I", "isophane insulin"),
        ("methimazole", "thiamazole"),
        ("valacyclovir", "valaciclovir"),
        ("Bactrim", "sulfamethoxazole/trimethoprim"),
        ("co-trimoxazole", "sulfamethoxazole/trimethoprim"),
        ("Tavanic", "levofloxacin"),
        ("rifampin", "rifampicin"),
        ("Fybogel", "ispaghula husk"),
        ("hydroxyurea", "hydroxycarbamide"),
        ("Janumet", "metformin/sitagliptin"),
    ],
)
def test_common_medicines_without_cramps_in_their_labels_are_known_as_none(
    name: str, generic: str
) -> None:
    result = check_names([name])
    assert result.unknown == []
    (info,) = result.medications
    assert (info.generic, info.class_, info.cramp_link) == (generic, MedClass.NONE, CrampLink.NONE)


def test_desmopressin_warns_of_low_sodium_and_never_says_stop() -> None:
    (info,) = check_names(["Noqdirna"]).medications
    (caution,) = info.cautions
    assert "sodium" in caution and "before the next dose" in caution
    assert "emergency services now" in caution and "stop" not in caution.lower()


@pytest.mark.parametrize(
    ("name", "says"),
    [("Zytiga", "potassium"), ("Veltassa", "magnesium"), ("Vectibix", "magnesium")],
)
def test_medicines_that_lower_a_salt_have_an_indirect_link_and_say_which_salt(
    name: str, says: str
) -> None:
    (info,) = check_names([name]).medications
    assert info.cramp_link is CrampLink.INDIRECT
    assert says in info.evidence
    assert "no link" not in info.evidence
    assert any(says in caution for caution in info.cautions)


@pytest.mark.parametrize(
    "name", ["Regaine", "tenofovir", "Cartia", "Cartia 100mg", "Triatec", "Triatec-30"]
)
def test_names_that_would_mislead_stay_unknown(name: str) -> None:
    # Regaine is minoxidil for the scalp, not the tablet; "tenofovir" alone may be either form.
    assert check_names([name]).unknown == [name]


@pytest.mark.parametrize("word", ["insulin", "Humulin"])
def test_insulin_alone_is_an_everyday_word_with_a_hint_not_a_medicine(word: str) -> None:
    result = check_names([word])
    assert result.unknown == [word] and result.medications == []
    (hint,) = result.hints
    assert "insulin glargine" in hint.may_mean and "insulin human" in hint.may_mean


@pytest.mark.parametrize("name", ["Tegretol", "Trileptal", "Zebinix"])
def test_carbamazepine_and_its_relatives_warn_of_low_sodium_and_never_say_stop(name: str) -> None:
    (info,) = check_names([name]).medications
    (caution,) = info.cautions
    assert "sodium" in caution and "call emergency services now" in caution
    assert "stop" not in caution.lower()


def test_four_letters_that_could_be_two_names_stay_unknown() -> None:
    assert check_names(["Noro"]).unknown == ["Noro"]  # Anoro or Norco: never guessed


@pytest.mark.parametrize(
    ("name", "generic", "med_class"),
    [
        ("Piriton", "chlorphenamine", "none"),
        ("chlorpheniramine", "chlorphenamine", "none"),
        ("Maxalt", "rizatriptan", "none"),
        ("Dermovate cream", "clobetasol", "none"),
        ("dabigatran etexilate", "dabigatran", "none"),
        ("escitalopram oxalate", "escitalopram", "none"),
        ("perindopril tert-butylamine", "perindopril", "ace_inhibitor"),
        ("Bevespi Aerosphere", "formoterol/glycopyrronium", "long_acting_beta2_agonist"),
        ("Nexium 24HR", "esomeprazole", "proton_pump_inhibitor"),
        ("Accuretic", "hydrochlorothiazide/quinapril", "thiazide_diuretic"),
        ("Physeptone", "methadone", "other_reported"),
        ("Adenuric", "febuxostat", "other_reported"),
        ("Tasigna", "nilotinib", "other_reported"),
        ("Milk of Magnesia", "magnesium hydroxide", "none"),
    ],
)
def test_more_names_people_type(name: str, generic: str, med_class: str) -> None:
    info = resolve(name)
    assert info is not None, name
    assert (info.generic, info.class_.value) == (generic, med_class)


def test_epsom_salts_carry_magnesiums_kidney_caution() -> None:
    (info,) = check_names(["Epsom salts"]).medications
    assert info.supplement == "magnesium"
    assert any("kidney" in caution for caution in info.cautions)


def test_a_laxative_with_magnesium_is_not_given_the_supplements_dose_limit() -> None:
    (info,) = check_names(["milk of magnesia"]).medications
    assert info.supplement is None
    assert "350" not in " ".join((info.evidence, info.advice, *info.cautions))
    assert any("kidney" in caution for caution in info.cautions)


@pytest.mark.parametrize(
    ("name", "words"),
    [("AmBisome", "potassium"), ("foscarnet", "calcium"), ("Prograf", "magnesium")],
)
def test_a_medicine_that_lowers_blood_salts_says_so(name: str, words: str) -> None:
    (info,) = check_names([name]).medications
    assert words in info.evidence
    assert "stop" not in info.advice.lower()


def test_st_johns_wort_warns_it_can_stop_contraception_working() -> None:
    (info,) = check_names(["St John's wort"]).medications
    assert any("contraception" in caution for caution in info.cautions)


@pytest.mark.parametrize("name", ["oxycodone", "co-codamol", "tramadol", "morphine", "methadone"])
def test_every_opioid_says_cramps_can_come_with_withdrawal(name: str) -> None:
    (info,) = check_names([name]).medications
    assert info.cramp_link is CrampLink.REPORTED
    assert "withdrawal" in info.evidence
    assert "stop" not in info.advice.lower()


def test_quinine_names_the_signs_of_harm_and_a_combination_does_not_say_it_twice() -> None:
    (info,) = check_names(["Hexaquine"]).medications
    assert "a quinine" not in info.evidence
    assert any("bruising or bleeding" in caution for caution in info.cautions)


def test_a_typo_as_close_to_a_short_name_as_to_a_long_one_is_not_guessed() -> None:
    # Somax: one letter from Somac (pantoprazole) and from Soma (carisoprodol).
    assert check_names(["Somax"]).unknown == ["Somax"]
    assert check_names(["Somc"]).unknown == ["Somc"]  # Soma with a letter changed, too
    assert check_names(["Lasx"]).unknown == ["Lasx"]  # Lasix, or Gas-X with a letter changed
    assert check_names(["Zocr"]).medications[0].generic == "simvastatin"


@pytest.mark.parametrize(
    ("name", "local"),
    [
        ("hydrocortisone cream", True),
        ("fluticasone nasal spray", True),
        ("prednisolone eye drops", True),
        ("estradiol vaginal tablets", True),
        ("prednisolone", False),
        ("estradiol gel", False),  # an HRT gel is made to reach the blood
        ("salbutamol inhaler", False),
    ],
)
def test_a_linked_medicine_used_where_it_is_put_says_less_reaches_the_blood(
    name: str, local: bool
) -> None:
    (info,) = check_names([name]).medications
    assert info.linked
    said = "little of it reaches the blood" in info.evidence
    assert said is local
    assert ("local_use_labels" in info.sources) is local


def test_a_medicine_with_a_vitamin_in_it_stays_a_medicine() -> None:
    (xonvea,) = check_names(["Xonvea"]).medications
    assert xonvea.supplement is None  # doxylamine with B6: no supplement advice
    (adcal,) = check_names(["Adcal-D3"]).medications
    assert adcal.supplement is not None  # calcium with vitamin D: a supplement
