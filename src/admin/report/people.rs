//! The census's people: each one's key and folded state in order of first appearance, found
//! by key through a table of indices.

use std::hash::BuildHasher;

use compact_str::CompactString;
use hashbrown::HashTable;

use super::census::{Person, Shown};

/// A person's key (see [`crate::record::identity::key`]) and folded state in one cache line:
/// the one lookup per record reads the table of indices, then this line, where the key is
/// checked and the state updated (the key kept inline, not as a string elsewhere).
#[derive(Debug, Clone)]
#[repr(align(64))]
struct Slot {
    /// Kept inline (most ids are short).
    key: CompactString,
    person: Person,
}

/// Everyone the census knows, in order of first appearance, found by key.
#[derive(Debug, Default)]
pub(super) struct People {
    slots: Vec<Slot>,
    /// What is shown of each person, in the same order (read far less often than the state).
    shown: Vec<Shown>,
    /// Indices into `slots`, by the hash of their key.
    index: HashTable<u32>,
    /// foldhash: the ids are looked up once per record, where the default SipHash costs more
    /// than the fold; its seed is random per process, as SipHash's is.
    hasher: foldhash::fast::RandomState,
}

impl People {
    pub(super) fn reserve(&mut self, more: usize) {
        self.slots.reserve(more);
        self.shown.reserve(more);
        let (slots, hasher) = (&self.slots, &self.hasher);
        self.index
            .reserve(more, |&i| hasher.hash_one(slots[i as usize].key.as_str()));
    }

    pub(super) fn len(&self) -> usize {
        self.slots.len()
    }

    /// Where the person of `key` is.
    pub(super) fn find(&self, key: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(key);
        self.index
            .find(hash, |&i| self.slots[i as usize].key == key)
            .map(|&i| i as usize)
    }

    /// Where the person of `key` is, after adding them (shown as `id`, with `person`) when
    /// they were not there yet; and whether they were added.
    pub(super) fn find_or_add(
        &mut self,
        key: &str,
        id: &str,
        person: impl FnOnce() -> Person,
    ) -> (usize, bool) {
        let hash = self.hasher.hash_one(key);
        let slots = &self.slots;
        if let Some(&i) = self.index.find(hash, |&i| slots[i as usize].key == key) {
            return (i as usize, false);
        }
        let at = self.slots.len();
        self.slots.push(Slot {
            key: key.into(),
            person: person(),
        });
        self.shown.push(Shown::new(id));
        let (slots, hasher) = (&self.slots, &self.hasher);
        self.index.insert_unique(hash, at as u32, |&i| {
            hasher.hash_one(slots[i as usize].key.as_str())
        });
        (at, true)
    }

    pub(super) fn person(&self, at: usize) -> &Person {
        &self.slots[at].person
    }

    pub(super) fn person_mut(&mut self, at: usize) -> &mut Person {
        &mut self.slots[at].person
    }

    /// The state and what is shown of the person at `at`, to change both.
    pub(super) fn both_mut(&mut self, at: usize) -> (&mut Person, &mut Shown) {
        (&mut self.slots[at].person, &mut self.shown[at])
    }

    pub(super) fn shown(&self, at: usize) -> &Shown {
        &self.shown[at]
    }

    pub(super) fn shown_mut(&mut self, at: usize) -> &mut Shown {
        &mut self.shown[at]
    }

    /// Everyone's state, in order of first appearance.
    pub(super) fn persons(&self) -> impl Iterator<Item = &Person> {
        self.slots.iter().map(|s| &s.person)
    }
}
