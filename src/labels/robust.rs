//! The words of a robust plan's report (spec v2 §6b): the commitment, the variants, the
//! regret and EVPI sentences, the robust sheets and charts. Re-exported by
//! [`crate::labels`], so `labels::ROBUST_COMMIT_TITLE` names them like every label.

use super::Label;

labels! {
    /// The section of report.html that holds what a council reads of a robust plan.
    ROBUST_SECTION_TITLE:
        "Robuust plan: wat we nu vastleggen en wat daarna per projectie volgt",
        "Robust plan: what we commit to now and what follows per projection";
    /// The opening paragraph: number of variants, their names in words.
    ROBUST_INTRO:
        "Niemand weet welke huishoudensprojectie uitkomt. Dit plan is gemaakt voor {} \
         projecties tegelijk ({}). Criterium: {}.",
        "Nobody knows which household projection will come true. This plan was made for {} \
         projections at once ({}). Criterion: {}.";
    /// The "expected" criterion in words.
    CRITERION_EXPECTED:
        "de kleinste verwachte mismatch (het gewogen gemiddelde over de projecties)",
        "the least expected mismatch (the weighted mean over the projections)";
    /// The "regret" criterion in words.
    CRITERION_REGRET:
        "de kleinste spijt in de slechtste projectie (no-regret)",
        "the least regret in the worst projection (no-regret)";
    /// "Wat we nu vastleggen".
    ROBUST_COMMIT_TITLE: "Wat we nu vastleggen", "What we commit to now";
    /// What committing means: periods in words (e.g. "de eerste periode (2025–2030)"),
    /// the later periods in words.
    ROBUST_COMMIT_MEANS:
        "Vastleggen betekent: wat hieronder staat voor {} besluiten we nu, en het is in elke \
         projectie hetzelfde — het moet gebeuren voordat bekend is welke projectie uitkomt. \
         {}",
        "Committing means: what is listed below for {} is decided now, and it is the same in \
         every projection — it has to happen before anyone knows which projection comes \
         true. {}";
    /// After the commitment: the later periods adapt.
    ROBUST_LATER_ADAPT:
        "Daarna ({}) past het plan zich aan aan de projectie die uitkomt.",
        "After that ({}) the plan adapts to the projection that comes true.";
    /// After the commitment: nothing left to adapt.
    ROBUST_ALL_COMMITTED:
        "Alle perioden zijn vastgelegd: elke projectie volgt hetzelfde plan.",
        "Every period is committed: every projection follows the same plan.";
    /// "de eerste periode" with its years.
    FIRST_PERIOD: "de eerste periode ({})", "the first period ({})";
    /// "de eerste {} perioden" with their years.
    FIRST_PERIODS: "de eerste {} perioden ({})", "the first {} periods ({})";
    /// No committed action at all.
    ROBUST_COMMIT_NOTHING:
        "In de vastgelegde perioden sloopt, bouwt en transformeert het plan niets: de eerste \
         stap die in elke projectie goed uitpakt, is afwachten.",
        "In the committed periods the plan demolishes, builds and transforms nothing: the \
         first step that works out in every projection is to wait.";
    /// Under the commitment table.
    ROBUST_COMMIT_NOTE:
        "Hele woningen (afgerond), opgeteld over de segmenten en de vastgelegde perioden; \
         alleen gemeenten met een vastgelegde actie. Transformatie telt de woningen die \
         worden omgebouwd, verkoop de woningen die worden verkocht. Per segment en periode: \
         commitment.csv.",
        "Whole dwellings (rounded), summed over the segments and the committed periods; only \
         municipalities with a committed action. Transformation counts the dwellings \
         converted, sale the dwellings sold. Per segment and period: commitment.csv.";
    /// Column: transformation (without sales).
    TRANSFORM_COL: "Transformatie", "Transformation";
    /// Column: sales (transformations with negative cost).
    SALE_COL: "Verkoop", "Sale";
    /// How each variant continues.
    ROBUST_CONTINUE_TITLE: "Hoe het per projectie verdergaat", "How each projection continues";
    /// Under the continuation table: the later periods in words.
    ROBUST_CONTINUE_NOTE:
        "Sloop, nieuwbouw en transformatie in de perioden na de vastlegging ({}), in hele \
         woningen; de mismatch (gewogen woningjaren) en de bruto kosten over het hele plan. \
         Eigen optimum: de mismatch van het beste plan voor alleen die projectie. De \
         tabellen hieronder hebben een kolom Projectie, de CSV-bestanden een kolom variant.",
        "Demolition, new build and transformation in the periods after the commitment ({}), \
         in whole dwellings; the mismatch (weighted dwelling-years) and the gross cost over \
         the whole plan. Own optimum: the mismatch of the best plan for that projection \
         alone. The tables below have a column Projection, the CSV files a column variant.";
    /// Column: the projection (variant).
    PROJECTION_COL: "Projectie", "Projection";
    /// Column: the weight π.
    WEIGHT_COL: "Gewicht", "Weight";
    /// Column: later demolition.
    LATER_DEMOLISH_COL: "Sloop daarna", "Demolish later";
    /// Column: later new build.
    LATER_NEW_BUILD_COL: "Nieuwbouw daarna", "New build later";
    /// Column: later transformation (and sales).
    LATER_TRANSFORM_COL: "Transformatie daarna", "Transform later";
    /// Column: mismatch under the robust plan.
    MISMATCH_ROBUST_COL: "Mismatch met dit plan", "Mismatch, this plan";
    /// Column: the variant's own optimum.
    OWN_OPTIMUM_COL: "Eigen optimum", "Own optimum";
    /// Column: regret.
    REGRET_COL: "Spijt", "Regret";
    /// Column: regret relative to the own optimum.
    REGRET_PCT_COL: "Spijt (%)", "Regret (%)";
    /// Column: the do-nothing mismatch.
    DO_NOTHING_MISMATCH_COL: "Mismatch zonder ingrijpen", "Mismatch, do nothing";
    /// Regret in words.
    ROBUST_REGRET_TITLE:
        "Spijt: hoeveel slechter dan achteraf het beste",
        "Regret: how much worse than the best in hindsight";
    /// Regret sentence with a relative figure: variant, percentage, dwelling-years.
    REGRET_PCT:
        "Als {} uitkomt, is dit plan {} slechter dan het beste plan dat we dan hadden kunnen \
         kiezen ({} gewogen woningjaren meer mismatch).",
        "If {} comes true, this plan is {} worse than the best plan we could then have \
         chosen ({} weighted dwelling-years more mismatch).";
    /// Regret sentence when the variant's own optimum has no mismatch: variant,
    /// dwelling-years.
    REGRET_ABSOLUTE:
        "Als {} uitkomt, heeft dit plan {} gewogen woningjaren meer mismatch dan het beste \
         plan dat we dan hadden kunnen kiezen (dat had geen mismatch).",
        "If {} comes true, this plan has {} weighted dwelling-years more mismatch than the \
         best plan we could then have chosen (which had none).";
    /// Regret sentence when there is no regret: variant.
    REGRET_NONE:
        "Als {} uitkomt, is dit plan even goed als het beste plan dat we dan hadden kunnen \
         kiezen.",
        "If {} comes true, this plan is as good as the best plan we could then have chosen.";
    /// Under the regret sentences: the worst regret.
    REGRET_WORST:
        "De grootste spijt is {} gewogen woningjaren.",
        "The largest regret is {} weighted dwelling-years.";
    /// EVPI's heading.
    EVPI_TITLE:
        "Wat zekerheid over de toekomst waard zou zijn",
        "What certainty about the future would be worth";
    /// EVPI sentence: E, Σπ Z1*, EVPI, EVPI as a share of E.
    EVPI_SENTENCE:
        "Met dit plan is de verwachte mismatch {} gewogen woningjaren. Als we vooraf wisten \
         welke projectie uitkomt, konden we voor elke projectie het beste plan kiezen en was \
         de verwachte mismatch {}. Zekerheid over de toekomst zou dus {} gewogen woningjaren \
         waard zijn ({} van de verwachte mismatch): dat is wat beter onderzoek of wachten \
         met besluiten hooguit kan opleveren.",
        "With this plan the expected mismatch is {} weighted dwelling-years. Had we known in \
         advance which projection comes true, we could have chosen the best plan for each \
         and the expected mismatch would be {}. Certainty about the future would thus be \
         worth {} weighted dwelling-years ({} of the expected mismatch): the most that better \
         research or waiting to decide can yield.";
    /// EVPI sentence when it is (about) zero: E.
    EVPI_ZERO:
        "Met dit plan is de verwachte mismatch {} gewogen woningjaren, net zo weinig als \
         wanneer we vooraf wisten welke projectie uitkomt: zekerheid over de toekomst zou \
         hier niets opleveren.",
        "With this plan the expected mismatch is {} weighted dwelling-years, as little as if \
         we knew in advance which projection comes true: certainty about the future would \
         gain nothing here.";
    /// The note above the rest of a robust report: which variant the charts show.
    ROBUST_REST_NOTE:
        "De kerncijfers hierboven zijn verwachte waarden (gewogen gemiddelden over de \
         projecties). De tabellen hieronder tonen elke projectie (kolom Projectie); grafieken die één \
         projectie tonen, zeggen in hun titel welke ({}).",
        "The key figures above are expected values (weighted means over the projections). \
         The tables below show every projection (column Projection); charts that show one \
         projection say which in their title ({}).";
    /// A chart title's suffix naming the variant it shows.
    CHART_VARIANT_SUFFIX: " — projectie {}", " — projection {}";
    /// The sheet of the commitment.
    COMMIT_SHEET: "Vastleggen", "Commitment";
    /// The sheet of the variants' figures.
    VARIANTS_SHEET: "Projecties", "Projections";
    /// Sheet rows under the variants: E, Σπ Z1*, worst regret, EVPI.
    EXPECTED_MISMATCH_ROW:
        "Verwachte mismatch E (gewogen woningjaren)",
        "Expected mismatch E (weighted dwelling-years)";
    /// Σπ Z1*.
    EXPECTED_ALONE_ROW:
        "Verwachte mismatch bij zekerheid Σπ·optimum",
        "Expected mismatch with certainty Σπ·optimum";
    /// The worst regret.
    WORST_REGRET_ROW: "Grootste spijt", "Worst regret";
    /// EVPI.
    EVPI_ROW: "Waarde van zekerheid (EVPI)", "Value of certainty (EVPI)";
    /// The committed-demolition chart's title: the committed years.
    COMMIT_CHART_TITLE:
        "Vastgelegde sloop naast het eigen optimum per projectie, {}",
        "Committed demolition next to each projection's own optimum, {}";
    /// Its subtitle.
    COMMIT_CHART_SUBTITLE:
        "Woningen gesloopt in de vastgelegde perioden: door het robuuste plan, en door het \
         beste plan voor elke projectie apart.",
        "Dwellings demolished in the committed periods: by the robust plan, and by the best \
         plan for each projection alone.";
    /// Its order line.
    MOST_DEMOLITION:
        "Meeste sloop eerst; alleen gemeenten waar iets wordt gesloopt",
        "Most demolition first; only municipalities with some demolition";
    /// The legend entry of the committed bars.
    COMMITTED: "vastgelegd (robuust plan)", "committed (robust plan)";
    /// The legend entry of a variant's own optimum: the variant in words.
    OWN_OPTIMUM_OF: "eigen optimum: {}", "own optimum: {}";
    /// The fan chart's title: base year, last year.
    FAN_CHART_TITLE:
        "Woningvoorraad tegen de vraag van elke projectie per regio, {}–{}",
        "Housing stock against the demand of every projection per region, {}–{}";
    /// The fan chart's subtitle: the last committed year.
    FAN_CHART_SUBTITLE:
        "Woningen. Een vraaglijn per projectie; de voorraad met het plan tot en met {} is in \
         elke projectie dezelfde, daarna past het plan zich aan.",
        "Dwellings. One demand line per projection; the stock with the plan up to {} is the \
         same in every projection, after that the plan adapts.";
    /// The fan chart's legend: the committed stock up to a year.
    COMMITTED_STOCK: "voorraad met het plan t/m {}", "stock with the plan up to {}";
    /// The fan chart's legend: demand of a variant.
    DEMAND_OF: "vraag: {}", "demand: {}";
    /// The note on the comparison page about robust scenarios.
    COMPARE_ROBUST_NOTE:
        "Een robuust scenario (over meerdere projecties) staat in de vergelijking met zijn \
         verwachte mismatch E en zijn verwachte bruto kosten; de grafieken gebruiken E als \
         zijn mismatch en de voorraad van zijn eerste projectie. Spijt en EVPI staan in de \
         tabel van robuuste scenario's.",
        "A robust scenario (over several projections) enters the comparison with its \
         expected mismatch E and its expected gross cost; the charts use E as its mismatch \
         and the stock of its first projection. Regret and EVPI are in the table of robust \
         scenarios.";
    /// The comparison page's table of robust scenarios.
    COMPARE_ROBUST_TITLE: "Robuuste scenario's", "Robust scenarios";
    /// Column: the robust criterion.
    CRITERION_COL: "Criterium", "Criterion";
    /// A sweep of a robust case: the case's name, saying its mismatch is E.
    SWEEP_ROBUST_NAME: "{} (robuust: verwachte mismatch E)", "{} (robust: expected mismatch E)";
}
