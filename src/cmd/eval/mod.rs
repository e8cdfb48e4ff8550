//! `tmkit eval …`: measurements over external data, for release builds.

pub mod adapt;
pub mod align;
pub mod fuzzy;
pub mod growth;
pub mod length;
pub mod phrases;
pub mod scale;
pub mod segment;
pub mod tmx;

/// A part of the ntrex-dev split, as the eval subcommands take it (`--part`).
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum PartArg {
    /// The documents parameters are fitted on.
    Tuning,
    /// The documents no parameter was fitted on (what the README reports).
    HeldOut,
    /// Both.
    All,
}

impl PartArg {
    /// The part's name.
    pub fn as_str(self) -> &'static str {
        tmkit::eval::split::Part::from(self).as_str()
    }
}

impl From<PartArg> for tmkit::eval::split::Part {
    fn from(part: PartArg) -> Self {
        match part {
            PartArg::Tuning => Self::Tuning,
            PartArg::HeldOut => Self::HeldOut,
            PartArg::All => Self::All,
        }
    }
}

/// Evaluations.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Adaptation of changed numbers on NTREX dev: exact, marked, wrong, now and before #12.
    Adapt(adapt::Args),
    /// Sentence alignment on NTREX dev: strict/lax F1, null-bead recall, calibration; cold, warm and
    /// Gale-Church side by side.
    Align(align::Args),
    /// The aligner's length models fitted to a part of ntrex-dev, beside the shipped ones.
    Length(length::Args),
    /// Phrase translations on NTREX dev and the samples: first rendering and top-3 per direction,
    /// against the judged set.
    Phrases(phrases::Args),
    /// Segmentation on ntrex-dev: boundary P/R/F1 and exact sentences per language.
    Segment(segment::Args),
    /// TMX export and import of a generated 1M-unit memory: time and peak RSS.
    Tmx(tmx::Args),
    /// Fuzzy matching: memory build, lookup latency and recall vs an exhaustive scan, concordance.
    Fuzzy(fuzzy::Args),
    /// Growth curves: import rate, database size, lookup and concordance latency at growing memory
    /// sizes (10k to 5M units), for the news and near-duplicate memories.
    Growth(growth::Args),
    /// Time and peak memory of segment, import, concordance and align at growing input sizes.
    Scale(scale::Args),
}

/// `n` of `of` as a percentage with `decimals` places, or `-` when `of` is 0.
fn pct(n: usize, of: usize, decimals: usize) -> String {
    if of == 0 {
        "-".into()
    } else {
        format!("{:.*}%", decimals, 100.0 * n as f64 / of as f64)
    }
}

pub fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Adapt(args) => adapt::run(args),
        Command::Align(args) => align::run(args),
        Command::Length(args) => length::run(args),
        Command::Phrases(args) => phrases::run(args),
        Command::Segment(args) => segment::run(args),
        Command::Tmx(args) => tmx::run(args),
        Command::Fuzzy(args) => fuzzy::run(args),
        Command::Growth(args) => growth::run(args),
        Command::Scale(args) => scale::run(args),
    }
}
