//! Getting material into the memory: importing TMX and TSV files ([`import`]), and the lexicon the
//! memory learns from the aligned units stored ([`lexicon`]).

pub mod import;
pub mod lexicon;
