//! FNV-1a, the one non-cryptographic hash of tmkit (Fowler, Noll & Vo; 64-bit variant, as specified
//! in draft-eastlake-fnv: offset basis `0xcbf29ce484222325`, prime `0x100000001b3`).
//!
//! Why FNV-1a: its values are stable across builds, Rust versions and platforms (unlike
//! `std::collections::hash_map::DefaultHasher`, whose algorithm is unspecified and may change), and it
//! needs no dependency. Stability matters: the fuzzy index stored in a memory is keyed by these values
//! (`tm::index::token_id`), so changing this function orphans every index on disk; a test in each user
//! pins the values it stores or compares.
//!
//! Not for untrusted keys in hash tables (no seed, so collisions can be forced) nor for content
//! identity (`tm::article::content_hash` is SHA-256).

/// The 64-bit FNV offset basis.
const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
/// The 64-bit FNV prime.
const PRIME: u64 = 0x0100_0000_01b3;

/// An FNV-1a hash in progress: bytes written in several pieces hash as if written at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Fnv1a {
        Fnv1a::new()
    }
}

impl Fnv1a {
    /// A hash of no bytes yet.
    pub const fn new() -> Fnv1a {
        Fnv1a(OFFSET_BASIS)
    }

    /// The hash with `bytes` appended.
    #[must_use]
    pub fn write(self, bytes: &[u8]) -> Fnv1a {
        Fnv1a(
            bytes
                .iter()
                .fold(self.0, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME)),
        )
    }

    /// The hash of the bytes written so far.
    pub const fn finish(self) -> u64 {
        self.0
    }
}

/// FNV-1a of `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    Fnv1a::new().write(bytes).finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_gives_the_published_test_vectors() {
        // draft-eastlake-fnv, test vectors for FNV-1a 64.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn bytes_written_in_pieces_hash_as_written_at_once() {
        let pieces = Fnv1a::new()
            .write("Əli".as_bytes())
            .write(&[0])
            .write("总统".as_bytes());
        assert_eq!(pieces.finish(), fnv1a("Əli\0总统".as_bytes()));
        assert_eq!(fnv1a("Əliyev".as_bytes()), 0xbcac_772b_3761_584b);
    }
}
