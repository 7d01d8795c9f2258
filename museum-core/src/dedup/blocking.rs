//! Blocking: several cheap keys per record; records sharing a key are candidate pairs.
//!
//! Rules (each record gets keys for each of its names):
//!
//! | rule | key | catches |
//! |---|---|---|
//! | `surname+given` | surname code + the first two sound classes of the given name | the usual duplicate, a slip late in the given name |
//! | `surname+initial` | surname code + first sound of the given name; pairs only where a given name is an initial or missing | `Байтурсынов А.` ~ `Байтурсынов Ахмет` |
//! | `surname+year` | surname code + birth year | given name mistyped |
//! | `given+patronymic` | given + patronymic codes | surname mistyped or changed |
//! | `given+surname` | given code + the first two sound classes of the surname | a slip late in the surname, no patronymic |
//! | `name-set` | the first three sound classes of surname and given name, in either order; pairs only across the two orders | surname and given name swapped |
//! | `birth-date` | the day of birth (when known to the day) | both names mistyped or missing |
//! | `place+year` | each of the two rarest informative words of the birth place + birth year | names noisy, date known only to the year |
//! | `arrest-date` | the day of an arrest (when known to the day) | names noisy or missing, the same case in two lists |
//! | `death-date` | the day of death or execution (when known to the day) | names noisy or missing |
//! | `surname` | surname code alone; pairs only where a record has no given name | `Ибраһимов` ~ `Ибрахимов Жылкыбай` |
//! | `given` (not by default) | given name code alone (large blocks: neighbours by surname, by birth year) | surname mistyped early (`Мултаров` ~ `Мухтаров`), no patronymic |
//! | `place+surname` | each of the two rarest informative words of the birth place + surname code | given name replaced or mistyped, birth date missing or wrong |
//! | `place+given` | each of the two rarest informative words of the birth place + given name code | surname replaced (a married name) or mistyped, birth date missing or wrong |
//! | `place-words` | each pair of the three rarest informative words of the birth place (large blocks: only the same surname and given name) | both names mistyped, no birth date, the address the only agreement |
//!
//! Block sizes are bounded so that cost grows about linearly: a block with more pairs than a
//! block of the cap is not compared all-against-all but in **sorted neighbourhoods**: its members
//! are sorted twice, by the fields its key does not use in two different sequences (for
//! `surname+given`: given name, birth year, patronymic; then birth year, patronymic, given name),
//! and each member is compared with the next `window` members of each order and further on with
//! the members of its **sub-block** (the same first two sort fields, e.g. the same given name
//! and birth year) up to the cap. So a common name's block of 20,000 records is compared in full
//! within each birth year, and a record whose first sort field is missing or mistyped still sits
//! near its duplicates in the other order. Such blocks are reported.
//!
//! Pairs are gathered record by record (`Blocks::visit`): each record collects its partners of
//! higher index from all its blocks, so a pair found under several keys, rules or orders is
//! compared once (under the first rule of [`Rule::ALL`] that found it), in parallel chunks of
//! records and without a list of all pairs.
//!
//! After scoring, records linked to a common record are compared too (`linked_pairs`): a
//! person named by many lists, each with its own slips, ends in one cluster even where no key
//! joins two of its records directly.

mod focus;
mod order;
mod place_words;
mod ranked;
mod rule;

use serde::Serialize;

use super::compare::{InternedName, Prepared};
use super::util::{NONE, par_chunks};
use crate::hash::hash_parts;

pub(crate) use focus::{FocusBlock, WindowRef, focus_pairs};
use order::{
    Order, OrderScratch, Orders, orders_by, orders_of, window_key_into, window_sequence,
    year_digits,
};
pub(crate) use order::{WindowFields, window_fields};
pub use rule::Rule;

/// A block larger than the cap, compared in a window.
#[derive(Debug, Clone, Serialize)]
pub struct LargeBlock {
    /// The rule.
    pub rule: Rule,
    /// Records in the block.
    pub size: usize,
    /// A record of the block, to show which key it is.
    pub example: usize,
}

/// What blocking did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BlockingStats {
    /// Keys emitted (all records, all rules).
    pub keys: usize,
    /// Blocks with at least two records.
    pub blocks: usize,
    /// The largest block.
    pub largest_block: usize,
    /// Blocks above the cap, compared in a sliding window (largest first, at most 20 listed).
    pub large_blocks: Vec<LargeBlock>,
    /// Number of blocks above the cap.
    pub large_block_count: usize,
    /// Candidate pairs compared.
    pub candidate_pairs: u64,
    /// Candidate pairs per rule (in the order of [`Rule::ALL`]).
    pub pairs_per_rule: Vec<u64>,
    /// Pairs compared because both records are linked to a third record (no blocking key joins
    /// them; counted in `candidate_pairs` too).
    pub linked_pairs: u64,
}

/// Blocking settings.
#[derive(Debug, Clone)]
pub(crate) struct BlockOptions {
    pub(crate) max_block: usize,
    pub(crate) window: usize,
    pub(crate) threads: usize,
    /// The rules in use.
    pub(crate) rules: Vec<Rule>,
}

/// The keys of every record, sorted per record, with each key's block.
#[allow(clippy::struct_field_names)] // `keys.keys`: the flat list itself
pub(crate) struct Keys {
    /// Flat sorted keys; record `i` owns `keys[lo[i]..lo[i+1]]`.
    keys: Vec<u64>,
    /// The record's flag for each key (see [`Rule::pairs`]).
    flags: Vec<bool>,
    lo: Vec<u32>,
    /// Each key's block ([`NO_BLOCK`]: a key no other record shares, or whose block pairs
    /// nothing).
    block: Vec<u32>,
    /// Each key's place among its block's members (to find the record in the block's orders).
    member: Vec<u32>,
}

impl Keys {
    /// The keys of record `i`.
    fn of(&self, i: usize) -> &[u64] {
        &self.keys[self.lo[i] as usize..self.lo[i + 1] as usize]
    }
}

fn rule_key(rule: Rule, parts: &[&[u8]]) -> u64 {
    // The rule lives in the top bits so that the key tells its rule.
    (hash_parts(0x6d75_7365_756d, parts) & !(15u64 << 60)) | (u64::from(rule.tag()) << 60)
}

/// The rule of a key.
pub(crate) fn key_rule(h: u64) -> Rule {
    Rule::from_tag((h >> 60) as u8)
}

fn name_keys<'a>(p: &'a Prepared, name: &InternedName, year: i16, out: &mut Vec<(u64, bool)>) {
    let st = &p.strings;
    let year_b = year.to_le_bytes();
    let [surname, given, patronymic] = &name.parts;
    let initial = |x: &Option<super::compare::Part>| [x.map_or(b'-', |x| x.initial)];
    // (An iterator, not a list: this runs for every part of every name of every record.)
    let codes = |x: &super::compare::Part| {
        x.phon
            .into_iter()
            .filter(|c| *c != NONE)
            .map(|c| st.get(c).as_bytes())
    };
    let given_full = given.filter(|g| !g.is_initial);
    if let Some(s) = surname.filter(|s| !s.is_initial) {
        for c in codes(&s) {
            // Flag: this record has no given name (it pairs with every given name).
            out.push((rule_key(Rule::Surname, &[c]), given.is_none()));
            // Flag: this record's given name is an initial or missing.
            out.push((
                rule_key(Rule::SurnameInitial, &[c, &initial(given)]),
                given_full.is_none(),
            ));
            if let Some(g) = given_full {
                for gc in codes(&g) {
                    let gc = &gc[..gc.len().min(2)];
                    out.push((rule_key(Rule::SurnameGiven, &[c, gc]), false));
                }
            }
            if year != 0 {
                out.push((rule_key(Rule::SurnameYear, &[c, &year_b]), false));
            }
        }
        if let Some(g) = given_full
            && s.phon[0] != NONE
            && g.phon[0] != NONE
        {
            let prefix = |c: &'a str| &c.as_bytes()[..c.len().min(3)];
            let (x, y) = (prefix(st.get(s.phon[0])), prefix(st.get(g.phon[0])));
            // Flag: the orientation, so that only records in opposite orders are paired.
            if x <= y {
                out.push((rule_key(Rule::NameSet, &[x, y]), true));
            } else {
                out.push((rule_key(Rule::NameSet, &[y, x]), false));
            }
        }
    }
    if let Some(g) = given_full {
        for c in codes(&g) {
            out.push((rule_key(Rule::Given, &[c]), false));
            if let Some(pt) = patronymic.filter(|x| !x.is_initial) {
                for pc in codes(&pt) {
                    out.push((rule_key(Rule::GivenPatronymic, &[c, pc]), false));
                }
            }
            if let Some(s) = surname.filter(|s| !s.is_initial) {
                for sc in codes(&s) {
                    let sc = &sc[..sc.len().min(2)];
                    out.push((rule_key(Rule::GivenSurname, &[c, sc]), false));
                }
            }
        }
    }
}

/// The keys of a record that do not come from its names: day of birth, birth place and year.
fn record_keys(p: &Prepared, i: usize, out: &mut Vec<(u64, bool)>) {
    let r = &p.recs[i];
    if r.birth.is_some() && r.birth.width() == 0 {
        out.push((
            rule_key(Rule::BirthDate, &[&r.birth.lo.to_le_bytes()]),
            false,
        ));
    }
    if r.place_ix != u32::MAX {
        let year = r.birth_year.to_le_bytes();
        // The first name's phonetic codes of surname and given name (not initials).
        let name = p.names_of(i).first();
        let code = |k: usize| {
            name.and_then(|n| n.parts[k])
                .filter(|x| !x.is_initial && x.phon[0] != NONE)
                .map(|x| p.strings.get(x.phon[0]).as_bytes())
        };
        let (surname, given) = (code(0), code(1));
        for w in p.places[r.place_ix as usize].iter().take(2) {
            let word = p.strings.get(*w).as_bytes();
            if r.birth_year != 0 {
                out.push((rule_key(Rule::PlaceYear, &[word, &year]), false));
            }
            // A place and one name: lists whose other name or date is replaced or missing
            // (a married name, a date read wrong) still agree on a rare word of the place.
            // Flag: no birth year (pairs only where a record has none: with both dates known, a
            // pair that disagrees on a name and the date is no match, and one that agrees on the
            // date has the `birth-date` and `surname+year` keys).
            if let Some(c) = surname {
                out.push((rule_key(Rule::PlaceSurname, &[word, c]), r.birth_year == 0));
            }
            if let Some(c) = given {
                out.push((rule_key(Rule::PlaceGiven, &[word, c]), r.birth_year == 0));
            }
        }
        place_words::place_word_keys(p, r.place_ix, out);
    }
    // Days of arrest and of death or execution: lists whose names are noisy still agree on
    // them.
    let day = |s: super::compare::Span| (s.is_some() && s.width() == 0).then_some(s.lo);
    for c in p.cases_of(i) {
        if let Some(d) = day(c.arrest) {
            out.push((rule_key(Rule::ArrestDate, &[&d.to_le_bytes()]), false));
        }
        if let Some(d) = day(c.execution) {
            out.push((rule_key(Rule::DeathDate, &[&d.to_le_bytes()]), false));
        }
    }
    if let Some(d) = day(r.death) {
        out.push((rule_key(Rule::DeathDate, &[&d.to_le_bytes()]), false));
    }
}

/// Computes every record's keys.
fn make_keys(p: &Prepared, threads: usize, rules: &[Rule]) -> Keys {
    let parts = par_chunks(p.len(), threads, |range| {
        let mut keys = Vec::new();
        let mut lens = Vec::with_capacity(range.len());
        let mut buf = Vec::new();
        for i in range {
            buf.clear();
            let year = p.recs[i].birth_year;
            for name in p.names_of(i).iter().take(8) {
                name_keys(p, name, year, &mut buf);
            }
            record_keys(p, i, &mut buf);
            // Rules not in use: their keys are dropped (the rule is in the key's top bits).
            buf.retain(|(k, _)| rules.contains(&key_rule(*k)));
            // One entry per key; a key flagged under any name keeps the flag.
            buf.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            buf.dedup_by_key(|k| k.0);
            lens.push(buf.len() as u32);
            keys.extend_from_slice(&buf);
        }
        (keys, lens)
    });
    let total: usize = parts.iter().map(|(k, _)| k.len()).sum();
    let mut keys = Vec::with_capacity(total);
    let mut flags = Vec::with_capacity(total);
    let mut lo = Vec::with_capacity(p.len() + 1);
    lo.push(0u32);
    for (k, lens) in parts {
        for (h, f) in k {
            keys.push(h);
            flags.push(f);
        }
        for l in lens {
            let last = *lo.last().unwrap_or(&0);
            lo.push(last + l);
        }
    }
    let n = keys.len();
    Keys {
        keys,
        flags,
        lo,
        block: vec![NO_BLOCK; n],
        member: vec![0; n],
    }
}

/// The high bit of a block member: the record's flag for the block's key.
const FLAG: u32 = 1 << 31;

/// A record's key while blocks are built: whether it is not flagged (the top bit), the record
/// (below [`FLAG`], as block members) and the key's position in the flat key array, packed so
/// that their order is the order of (not flagged, record, position) and an entry with its key
/// takes 16 bytes (ten million of them at a million records).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Entry(u64);

impl Entry {
    fn new(flag: bool, record: usize, pos: u32) -> Entry {
        let record = u64::from(record as u32 & !FLAG);
        Entry((u64::from(!flag) << 63) | (record << 32) | u64::from(pos))
    }

    fn flagged(self) -> bool {
        self.0 >> 63 == 0
    }

    fn record(self) -> u32 {
        (self.0 >> 32) as u32 & !FLAG
    }

    fn pos(self) -> u32 {
        self.0 as u32
    }
}

/// A key without a block.
const NO_BLOCK: u32 = u32::MAX;

/// A block: a key and its members (record indices, with their flag in the high bit; the flagged
/// members first, each part by record).
struct Block {
    key: u64,
    /// All its qualifying pairs are compared (else sorted neighbourhoods, see [`Orders`]).
    complete: bool,
    /// How many members are flagged (they come first).
    flagged: u32,
    members: Vec<u32>,
}

impl Block {
    /// The members a member with flag `flag` can pair with under the block's rule (see
    /// [`Rule::pairs`]): for the rules that pair only by flags, one part of the block.
    fn partners(&self, flag: bool) -> &[u32] {
        let (flagged, rest) = self.members.split_at(self.flagged as usize);
        match key_rule(self.key) {
            Rule::SurnameInitial | Rule::Surname | Rule::PlaceSurname | Rule::PlaceGiven
                if !flag =>
            {
                flagged
            }
            Rule::NameSet if flag => rest,
            Rule::NameSet => flagged,
            _ => &self.members,
        }
    }
}

/// The pairs a block of `n` records, `flagged` of them flagged, compares in full.
fn qualifying_pairs(rule: Rule, n: usize, flagged: usize) -> usize {
    let all = n * n.saturating_sub(1) / 2;
    match rule {
        Rule::SurnameInitial | Rule::Surname | Rule::PlaceSurname | Rule::PlaceGiven => {
            all - (n - flagged) * (n - flagged).saturating_sub(1) / 2
        }
        Rule::NameSet => flagged * (n - flagged),
        _ => all,
    }
}

/// The most pairs a block of `rule` compares in full: as many as a block of the rule's cap
/// ([`Rule::max_block`]).
fn max_pairs(opt: &BlockOptions, rule: Rule) -> usize {
    let cap = rule.max_block(opt.max_block);
    cap * cap.saturating_sub(1) / 2
}

/// The blocks of one run of the sorted entries (`range` starts and ends where a key does): each
/// block with its first entry, and the blocks above the cap to report.
struct Grouped {
    blocks: Vec<(usize, Block)>,
    large: Vec<LargeBlock>,
}

/// Groups the entries of `range` (sorted; cut where a key ends) into blocks: keys shared by
/// records that pair under their rule.
fn group_blocks(
    entries: &[(u64, Entry)],
    range: std::ops::Range<usize>,
    opt: &BlockOptions,
) -> Grouped {
    let mut out = Grouped {
        blocks: Vec::new(),
        large: Vec::new(),
    };
    let mut s = range.start;
    while s < range.end {
        let mut e = s + 1;
        while e < range.end && entries[e].0 == entries[s].0 {
            e += 1;
        }
        let size = e - s;
        let rule = key_rule(entries[s].0);
        let flagged = entries[s..e].iter().filter(|x| x.1.flagged()).count();
        let pairs = qualifying_pairs(rule, size, flagged);
        if pairs > 0 {
            let complete = pairs <= max_pairs(opt, rule);
            // A large `place-words` block is a village, compared within its names by design
            // (see `Rule::max_block`): not a block cut to a window, not reported.
            if !complete && rule != Rule::PlaceWords {
                out.large.push(LargeBlock {
                    rule,
                    size,
                    example: entries[s..e]
                        .iter()
                        .map(|x| x.1.record())
                        .min()
                        .unwrap_or(0) as usize,
                });
            }
            out.blocks.push((
                s,
                Block {
                    key: entries[s].0,
                    complete,
                    flagged: flagged as u32,
                    members: entries[s..e]
                        .iter()
                        .map(|x| x.1.record() | if x.1.flagged() { FLAG } else { 0 })
                        .collect(),
                },
            ));
        }
        s = e;
    }
    out
}

/// Blocks built once, visited as often as needed (a sample to fit the model, then all).
#[allow(clippy::struct_field_names)] // `blocks.blocks`: the list itself
pub(crate) struct Blocks {
    keys: Keys,
    blocks: Vec<Block>,
    /// The orders of the blocks above the cap, in block order.
    orders: Vec<Option<Orders>>,
    /// The order records are visited in ([`Prepared::visit_order`]).
    visit_order: Vec<u32>,
    /// What blocking did (pair counts are filled by the full visit).
    pub(crate) stats: BlockingStats,
}

impl Blocks {
    /// Computes the keys of every record and groups records sharing a key.
    pub(crate) fn build(p: &Prepared, opt: &BlockOptions) -> Blocks {
        let mut keys = make_keys(p, opt.threads, &opt.rules);
        let mut stats = BlockingStats {
            keys: keys.keys.len(),
            pairs_per_rule: vec![0; Rule::ALL.len()],
            ..BlockingStats::default()
        };
        // (key, [not flagged, record, position in the flat key array] packed, see `Entry`),
        // sorted: a block's flagged members first.
        let mut entries: Vec<(u64, Entry)> = Vec::with_capacity(keys.keys.len());
        for i in 0..p.len() {
            for pos in keys.lo[i]..keys.lo[i + 1] {
                let flag = keys.flags[pos as usize];
                entries.push((keys.keys[pos as usize], Entry::new(flag, i, pos)));
            }
        }
        // (Ten million entries at a million records: sorted on the pool. The entries are
        // distinct, so the order is the same on any number of threads.)
        if opt.threads > 1 {
            use rayon::slice::ParallelSliceMut;
            if crate::pool::install(|| entries.par_sort_unstable()).is_err() {
                entries.sort_unstable();
            }
        } else {
            entries.sort_unstable();
        }
        // Blocks are grouped on the pool, in chunks of the sorted entries cut where a key ends:
        // the blocks come out in the order of their keys whatever the number of threads.
        let parts = opt.threads.max(1) * 4;
        let mut cuts: Vec<usize> = vec![0];
        for c in 1..parts {
            let mut at = (entries.len() * c / parts).max(*cuts.last().unwrap_or(&0));
            while at > 0 && at < entries.len() && entries[at].0 == entries[at - 1].0 {
                at += 1;
            }
            cuts.push(at);
        }
        cuts.push(entries.len());
        let grouped = par_chunks(parts, opt.threads, |range| {
            range
                .map(|c| group_blocks(&entries, cuts[c]..cuts[c + 1], opt))
                .collect::<Vec<_>>()
        });
        let mut blocks: Vec<Block> = Vec::new();
        let mut starts: Vec<usize> = Vec::new();
        let mut large: Vec<LargeBlock> = Vec::new();
        for g in grouped.into_iter().flatten() {
            for (start, b) in g.blocks {
                stats.largest_block = stats.largest_block.max(b.members.len());
                starts.push(start);
                blocks.push(b);
            }
            large.extend(g.large);
        }
        stats.blocks = blocks.len();
        // Each key's block and its place among the block's members: the writes are scattered
        // over the flat key array, so they are made on the pool too.
        {
            use std::sync::atomic::{AtomicU32, Ordering::Relaxed};
            let n = keys.keys.len();
            let block_of: Vec<AtomicU32> = (0..n).map(|_| AtomicU32::new(NO_BLOCK)).collect();
            let member_of: Vec<AtomicU32> = (0..n).map(|_| AtomicU32::new(0)).collect();
            par_chunks(blocks.len(), opt.threads, |range| {
                for b in range {
                    let len = blocks[b].members.len();
                    for (m, x) in entries[starts[b]..starts[b] + len].iter().enumerate() {
                        block_of[x.1.pos() as usize].store(b as u32, Relaxed);
                        member_of[x.1.pos() as usize].store(m as u32, Relaxed);
                    }
                }
            });
            keys.block = block_of.into_iter().map(AtomicU32::into_inner).collect();
            keys.member = member_of.into_iter().map(AtomicU32::into_inner).collect();
        }
        drop(entries);
        stats.large_block_count = large.len();
        large.sort_by_key(|b| (std::cmp::Reverse(b.size), b.example));
        large.truncate(20);
        stats.large_blocks = large;
        // Large blocks are sorted once, in two orders, for their neighbourhoods. The blocks are
        // in the order of their keys, so of their rules (the rule is in a key's top bits), and
        // the rules' large blocks differ in size: each thread takes every `threads`-th large
        // block rather than one run of them.
        let large_ix: Vec<usize> = (0..blocks.len()).filter(|&b| !blocks[b].complete).collect();
        let threads = opt.threads.max(1);
        // Sorted by the ranks of their fields where they can be (see `ranked`).
        let ranks = (!large_ix.is_empty()).then(|| ranked::WindowRanks::new(p, threads));
        let sorted = par_chunks(threads, threads, |range| {
            let mut scratch = OrderScratch::default();
            let mut rank_scratch = ranked::RankScratch::default();
            range
                .flat_map(|t| large_ix.iter().skip(t).step_by(threads))
                .map(|&b| {
                    let block = &blocks[b];
                    let o = ranks
                        .as_ref()
                        .and_then(|r| r.orders(block, &mut rank_scratch))
                        .unwrap_or_else(|| orders_of(p, block, &mut scratch));
                    (b, o)
                })
                .collect::<Vec<_>>()
        });
        drop(ranks);
        let mut orders: Vec<Option<Orders>> = (0..blocks.len()).map(|_| None).collect();
        for (b, o) in sorted.into_iter().flatten() {
            orders[b] = Some(o);
        }
        Blocks {
            keys,
            blocks,
            orders,
            visit_order: p.visit_order().to_vec(),
            stats,
        }
    }

    /// The number of pairs a visit of the blocks `keep` accepts compares at most (before removing
    /// repeats).
    pub(crate) fn pair_budget(&self, opt: &BlockOptions, keep: impl Fn(u64) -> bool) -> u64 {
        self.blocks
            .iter()
            .filter(|b| keep(b.key))
            .map(|b| {
                let n = b.members.len();
                let flagged = b.flagged as usize;
                let rule = key_rule(b.key);
                if b.complete {
                    qualifying_pairs(rule, n, flagged) as u64
                } else if rule.probes() {
                    (flagged * rule.window(opt.window) * 2).min(n * opt.window) as u64 * 2
                } else {
                    (n * rule.window(opt.window)) as u64 * 2
                }
            })
            .sum()
    }

    /// Calls `visit(i, j, rule)` once per candidate pair (i < j) of the blocks `keep` accepts
    /// (by key), on `threads` threads each with its own state from `init`. Returns the states and
    /// the pairs per rule.
    ///
    /// Pairs are gathered record by record: record `i` collects its partners `j > i` from every
    /// block it is in (all of a complete block; its neighbourhoods in a large block's orders), and
    /// each partner is visited once, under the first rule (in the order of [`Rule::ALL`]) that
    /// found it. So a pair found by several rules is compared once, without a list of all pairs.
    /// `gather(partners)` is called with the partners of each record before they are visited:
    /// the run's comparison loads what it will read of them ([`Prepared::gather`]) all at once
    /// rather than one partner after the other.
    pub(crate) fn visit<S: Send>(
        &self,
        opt: &BlockOptions,
        keep: impl Fn(u64) -> bool + Sync,
        init: impl Fn() -> S + Sync,
        gather: impl Fn(&[u32]) + Sync,
        visit: impl Fn(&mut S, usize, usize, Rule) + Sync,
    ) -> (Vec<S>, Vec<u64>) {
        // More chunks than threads: a chunk of records with big blocks does not hold the others
        // back. The chunks depend on the number of records only.
        let n = self.keys.lo.len() - 1;
        let chunk = n.div_ceil(CHUNKS).max(1);
        let results = par_chunks(n.div_ceil(chunk), opt.threads, |range| {
            let mut out = Vec::new();
            let mut found: Vec<(u32, u8)> = Vec::new();
            let mut partners: Vec<u32> = Vec::new();
            for c in range {
                let mut state = init();
                let mut pairs = vec![0u64; Rule::ALL.len()];
                for &i in &self.visit_order[c * chunk..((c + 1) * chunk).min(n)] {
                    let i = i as usize;
                    found.clear();
                    self.partners(opt, i, &keep, &mut found);
                    found.sort_unstable();
                    found.dedup_by_key(|x| x.0);
                    partners.clear();
                    partners.extend(found.iter().map(|x| x.0));
                    gather(&partners);
                    for &(j, rule) in &found {
                        let rule = Rule::from_tag(rule);
                        visit(&mut state, i, j as usize, rule);
                        pairs[rule as usize] += 1;
                    }
                }
                out.push((state, pairs));
            }
            out
        });
        let mut states = Vec::new();
        let mut per_rule = vec![0; Rule::ALL.len()];
        for chunk in results {
            for (s, n) in chunk {
                for (r, k) in n.iter().enumerate() {
                    per_rule[r] += k;
                }
                states.push(s);
            }
        }
        (states, per_rule)
    }

    /// Pushes the partners `j > i` of record `i` in the blocks `keep` accepts, with the rule
    /// of each block (repeats included).
    fn partners(
        &self,
        opt: &BlockOptions,
        i: usize,
        keep: &impl Fn(u64) -> bool,
        out: &mut Vec<(u32, u8)>,
    ) {
        let k = &self.keys;
        let i32 = i as u32;
        for pos in k.lo[i] as usize..k.lo[i + 1] as usize {
            let b = k.block[pos];
            if b == NO_BLOCK {
                continue;
            }
            let block = &self.blocks[b as usize];
            if !keep(block.key) {
                continue;
            }
            let rule = key_rule(block.key);
            let tag = rule.tag();
            let flag = k.flags[pos];
            let Some(Orders(orders)) = &self.orders[b as usize] else {
                for &y in block.partners(flag) {
                    if y & !FLAG > i32 {
                        out.push((y & !FLAG, tag));
                    }
                }
                continue;
            };
            // Sorted neighbourhoods in two orders: each member is compared with the `window`
            // members on each side, and further on with the members of its sub-block (the same
            // first two sort fields: a big common-name block is compared in full within each
            // birth year, given name…) up to the cap. Rules that pair only flagged records look
            // further: few of their pairs qualify.
            let window = rule.window(opt.window);
            let reach = window.max(opt.max_block);
            for o in orders {
                let at = o.place[k.member[pos] as usize] as usize;
                let sub = o.sub[at];
                let mut take = |off: usize, y: u32, other: usize| {
                    if off >= window && (sub == 0 || o.sub[other] != sub) {
                        return false;
                    }
                    if y & !FLAG > i32 && rule.pairs(flag, y & FLAG != 0) {
                        out.push((y & !FLAG, tag));
                    }
                    true
                };
                for (off, &y) in o.members[at + 1..].iter().enumerate().take(reach) {
                    if !take(off, y, at + 1 + off) {
                        break;
                    }
                }
                for (off, &y) in o.members[..at].iter().rev().enumerate().take(reach) {
                    if !take(off, y, at - 1 - off) {
                        break;
                    }
                }
            }
        }
    }
}

/// Chunks of records visited (about; each chunk is one task of the pool).
const CHUNKS: usize = 256;

/// Finds the candidate pairs (see [`Blocks::visit`]) of all blocks.
#[cfg(test)]
pub(crate) fn candidate_pairs<S: Send>(
    p: &Prepared,
    opt: &BlockOptions,
    init: impl Fn() -> S + Sync,
    visit: impl Fn(&mut S, usize, usize, Rule) + Sync,
) -> (Vec<S>, BlockingStats) {
    let b = Blocks::build(p, opt);
    let (states, per_rule) = b.visit(opt, |_| true, init, |_| {}, visit);
    let mut stats = b.stats.clone();
    stats.candidate_pairs = per_rule.iter().sum();
    stats.pairs_per_rule = per_rule;
    (states, stats)
}

/// The pairs of records linked to a common record (`links`: pairs `(a, b)` scored at or above
/// the threshold), as [`index keys`](linked_key), sorted, without the linked pairs themselves:
/// a person named in many lists is compared record by record even where no blocking key joins
/// two of its records (both mistyped names, dates missing), as long as each is linked to a third.
/// Each record brings at most its `cap` strongest links (ties: the lower index), so the cost stays
/// linear. With `focus`, only pairs with a focus record.
pub(crate) fn linked_pairs(
    links: &[(u32, u32, f64)],
    n: usize,
    cap: usize,
    focus: Option<&Vec<bool>>,
) -> Vec<u64> {
    let mut adj: Vec<Vec<(f64, u32)>> = vec![Vec::new(); n];
    let mut linked: Vec<u64> = Vec::with_capacity(links.len());
    for &(a, b, prob) in links {
        adj[a as usize].push((prob, b));
        adj[b as usize].push((prob, a));
        linked.push(linked_key(a, b));
    }
    linked.sort_unstable();
    let mut out = Vec::new();
    for list in &mut adj {
        if list.len() < 2 {
            continue;
        }
        list.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        list.truncate(cap.max(2));
        for (k, &(_, b)) in list.iter().enumerate() {
            for &(_, c) in &list[k + 1..] {
                if focus.is_some_and(|f| !f[b as usize] && !f[c as usize]) {
                    continue;
                }
                out.push(linked_key(b, c));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out.retain(|k| linked.binary_search(k).is_err());
    out
}

/// Two record indices as one key (the lower in the high half).
pub(crate) fn linked_key(a: u32, b: u32) -> u64 {
    (u64::from(a.min(b)) << 32) | u64::from(a.max(b))
}

/// How much wider the window of a probe rule is: 50 records on each side of each order with the
/// default `--window` of 5 (as it was with a window of 10 and a factor of 5). A probe pairs only
/// its few flagged members (an initial, a missing given name), which may sort far from their
/// partners; halving their reach with the window cost the multi-source lists 0.0016 blocking
/// recall, while the other rules' halved windows cost no list anything (see
/// [`crate::dedup::DedupOptions::window`]).
const PROBE_WINDOW: usize = 10;

/// Every record's blocking keys with its flag for each (see [`Rule::pairs`]), sorted: what the
/// person index keeps per record, so that an incremental run keys only new and changed records.
pub(crate) fn keys_per_record(
    p: &Prepared,
    threads: usize,
    rules: &[Rule],
) -> Vec<Vec<(u64, bool)>> {
    let keys = make_keys(p, threads, rules);
    (0..p.len())
        .map(|i| {
            let lo = keys.lo[i] as usize;
            keys.of(i)
                .iter()
                .zip(&keys.flags[lo..])
                .map(|(k, f)| (*k, *f))
                .collect()
        })
        .collect()
}

impl Blocks {
    /// The keys of the records in `focus`: the blocks an incremental run visits.
    pub(crate) fn keys_of(&self, focus: &[bool]) -> rustc_hash::FxHashSet<u64> {
        (0..self.keys.lo.len().saturating_sub(1))
            .filter(|&i| focus.get(i).copied().unwrap_or(false))
            .flat_map(|i| self.keys.of(i).iter().copied())
            .collect()
    }
}

#[cfg(test)]
mod tests;
