//! Items: what a sentence offers as evidence that another sentence translates it.
//!
//! An item is a weight, a kind and one or more 64-bit keys in the target's key space: a number
//! (`3 billion` → `3`), a name skeleton, a punctuation mark, a separator line, a word (a source word's
//! keys are its translations; a target word's, its prefixes). A source item is matched in a target
//! sentence when one of its keys occurs there, a target item when one of its keys occurs among the
//! source sentence's keys (see [`super::features`]). [`super::anchors`] and [`super::words`] make
//! the items.
//!
//! Keys are FNV-1a hashes ([`crate::hash`]) of a [`Namespace`] byte and a text, so that a number `3`
//! and a word `3` never meet. Keys live only while one article pair is aligned (nothing stores them).

use crate::hash::Fnv1a;

/// What an item is about: each kind has its own key space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Namespace {
    /// Normalised digits ([`super::anchors::numbers`]), months as their number.
    Number = b'n',
    /// A name's consonant skeleton ([`super::anchors::skeleton`]) or a prefix of it.
    Name = b's',
    /// A punctuation mark.
    Punctuation = b'p',
    /// A word key ([`super::keys`]).
    Word = b'w',
    /// A section separator line (`xxx`).
    Separator = b'x',
}

/// The key of `text` in `namespace`: FNV-1a over the namespace's byte, then the text. The bytes are
/// the ones first chosen, so hash collisions, and with them the alignments, stay as they were.
pub(super) fn key(namespace: Namespace, text: &str) -> u64 {
    Fnv1a::new()
        .write(&[namespace as u8])
        .write(text.as_bytes())
        .finish()
}

/// What an item says about a bead when it has no counterpart on the other side: numbers and names
/// raise their own flags ([`super::Flag::NumberMismatch`], [`super::Flag::NameMismatch`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ItemKind {
    /// A number or a month.
    Number,
    /// A capitalised name.
    Name,
    /// Anything else (words, punctuation, separators).
    Other,
}

/// One piece of evidence of a sentence, as [`Items::iter`] gives it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Item<'a> {
    /// What it is.
    pub(super) kind: ItemKind,
    /// Its weight before idf weighting.
    pub(super) weight: f32,
    /// Its keys: it matches when any of them occurs on the other side.
    pub(super) keys: &'a [u64],
}

/// The items of one sentence, in the order they were found (an item's index picks its bit in a pair's
/// match mask). Their keys lie end to end in one list, so that an item costs no allocation.
#[derive(Clone, Debug, Default)]
pub(super) struct Items {
    /// Kind, weight and the end of its keys in `keys`, per item.
    items: Vec<(ItemKind, f32, u32)>,
    /// The keys of every item, in order.
    keys: Vec<u64>,
}

impl Items {
    /// Adds an item; one without keys can match nothing and is left out.
    pub(super) fn push(&mut self, kind: ItemKind, weight: f32, keys: &[u64]) {
        if !keys.is_empty() {
            self.keys.extend_from_slice(keys);
            self.items.push((kind, weight, self.keys.len() as u32));
        }
    }

    /// How many items there are.
    pub(super) fn len(&self) -> usize {
        self.items.len()
    }

    /// The items, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = Item<'_>> + '_ {
        self.items
            .iter()
            .scan(0usize, move |start, &(kind, weight, end)| {
                let keys = &self.keys[*start..end as usize];
                *start = end as usize;
                Some(Item { kind, weight, keys })
            })
    }

    /// Every key of every item, in order (with repeats).
    pub(super) fn all_keys(&self) -> &[u64] {
        &self.keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_keys_are_fnv1a_over_the_namespace_and_the_text() {
        assert_eq!(key(Namespace::Number, "3"), 0x08b3_7d07_b558_d826);
        assert_eq!(key(Namespace::Name, "lv"), 0x8253_9719_5cf6_bb34);
        assert_eq!(key(Namespace::Word, "presid"), 0x3882_8cff_5fa3_0ea9);
        assert_eq!(key(Namespace::Separator, ""), 0xaf63_f54c_8602_1707);
        assert_eq!(key(Namespace::Punctuation, "?"), 0x08d5_8907_b575_d2f0);
    }

    #[test]
    fn an_item_without_keys_is_left_out() {
        let mut items = Items::default();
        items.push(ItemKind::Other, 1.0, &[]);
        items.push(ItemKind::Number, 3.0, &[key(Namespace::Number, "3")]);
        let kinds: Vec<ItemKind> = items.iter().map(|item| item.kind).collect();
        assert_eq!(kinds, [ItemKind::Number]);
    }
}
