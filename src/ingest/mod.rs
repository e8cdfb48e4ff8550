//! Getting material into the memory: importing TMX and TSV files ([`import`]).

pub mod import;
