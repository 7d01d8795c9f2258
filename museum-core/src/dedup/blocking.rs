//! Blocking: several cheap keys per record; records sharing a key are candidate pairs.
//!
//! Rules (each record gets keys for each of its names):
//!
//! | rule | key | catches |
//! |---|---|---|
//! | `surname+initial` | surname phonetic code + first sound of the given name | the usual duplicate |
//! | `surname+year` | surname phonetic code + birth year | given name missing or mistyped |
//! | `given+patronymic` | given + patronymic phonetic codes | surname mistyped or changed |
//! | `given+year` | given phonetic code + birth year + first sound of the surname | surname mistyped, no patronymic |
//! | `name-set` | the first three sound classes of surname and given name, in either order | surname and given name swapped, endings mistyped |
//!
//! Block sizes are bounded so that cost grows about linearly: a block larger than the cap is not
//! compared all-against-all but sorted by the fields its key does not use and compared in a
//! sliding window (sorted neighbourhood), and it is reported. A pair found under several keys is
//! compared once: only under the smallest shared key whose block was compared in full.

use serde::Serialize;

use super::compare::{CName, Prepared};
use super::util::{NONE, hash_bytes, par_chunks};

/// A blocking rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Surname phonetic code + first sound of the given name.
    SurnameInitial,
    /// Surname phonetic code + birth year.
    SurnameYear,
    /// Given + patronymic phonetic codes.
    GivenPatronymic,
    /// Given phonetic code + birth year + first sound of the surname.
    GivenYear,
    /// The first three sound classes of surname and given name, order-free.
    NameSet,
}

impl Rule {
    /// Every rule, in order.
    pub const ALL: [Rule; 5] = [
        Rule::SurnameInitial,
        Rule::SurnameYear,
        Rule::GivenPatronymic,
        Rule::GivenYear,
        Rule::NameSet,
    ];

    /// A short name (`surname+initial`).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::SurnameInitial => "surname+initial",
            Rule::SurnameYear => "surname+year",
            Rule::GivenPatronymic => "given+patronymic",
            Rule::GivenYear => "given+year",
            Rule::NameSet => "name-set",
        }
    }

    fn tag(self) -> u8 {
        self as u8
    }

    fn from_tag(t: u8) -> Rule {
        Rule::ALL[usize::from(t) % Rule::ALL.len()]
    }
}

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
}

/// Blocking settings.
#[derive(Debug, Clone)]
pub(crate) struct BlockOptions {
    pub(crate) max_block: usize,
    pub(crate) window: usize,
    pub(crate) threads: usize,
}

/// The keys of every record, sorted per record, and whether each key's block was complete.
pub(crate) struct Keys {
    /// Flat sorted keys; record `i` owns `keys[lo[i]..lo[i+1]]`.
    keys: Vec<u64>,
    lo: Vec<u32>,
    complete: Vec<bool>,
}

impl Keys {
    fn of(&self, i: usize) -> &[u64] {
        &self.keys[self.lo[i] as usize..self.lo[i + 1] as usize]
    }

    fn complete_of(&self, i: usize) -> &[bool] {
        &self.complete[self.lo[i] as usize..self.lo[i + 1] as usize]
    }

    /// Whether records `a` and `b` share a complete key smaller than `h` (then the pair was, or
    /// will be, compared under that key).
    fn seen_before(&self, a: usize, b: usize, h: u64) -> bool {
        let (ka, ca) = (self.of(a), self.complete_of(a));
        let kb = self.of(b);
        for (x, c) in ka.iter().zip(ca) {
            if *x >= h {
                break;
            }
            if *c && kb.binary_search(x).is_ok() {
                return true;
            }
        }
        false
    }
}

fn rule_key(rule: Rule, parts: &[&[u8]]) -> u64 {
    // The rule lives in the top bits so that the key tells its rule.
    (hash_bytes(0x6d75_7365_756d, parts) & !(7u64 << 61)) | (u64::from(rule.tag()) << 61)
}

/// The rule of a key.
pub(crate) fn key_rule(h: u64) -> Rule {
    Rule::from_tag((h >> 61) as u8)
}

fn name_keys(p: &Prepared, name: &CName, year: i16, out: &mut Vec<u64>) {
    let st = &p.strings;
    let year_b = year.to_le_bytes();
    let [surname, given, patronymic] = &name.parts;
    let initial = |x: &Option<super::compare::Part>| [x.map_or(b'-', |x| x.initial)];
    if let Some(s) = surname.filter(|s| !s.is_initial) {
        for code in s.phon.iter().filter(|c| **c != NONE) {
            let c = st.get(*code).as_bytes();
            out.push(rule_key(Rule::SurnameInitial, &[c, &initial(given)]));
            if year != 0 {
                out.push(rule_key(Rule::SurnameYear, &[c, &year_b]));
            }
        }
    }
    if let (Some(s), Some(g)) = (surname, given)
        && !s.is_initial
        && !g.is_initial
        && s.phon[0] != NONE
        && g.phon[0] != NONE
    {
        let prefix = |c: &str| c.as_bytes()[..c.len().min(3)].to_vec();
        let (x, y) = (prefix(st.get(s.phon[0])), prefix(st.get(g.phon[0])));
        let (x, y) = if x <= y { (x, y) } else { (y, x) };
        out.push(rule_key(Rule::NameSet, &[&x, &y]));
    }
    if let Some(g) = given.filter(|g| !g.is_initial) {
        for code in g.phon.iter().filter(|c| **c != NONE) {
            let c = st.get(*code).as_bytes();
            if let Some(pt) = patronymic.filter(|x| !x.is_initial) {
                for pc in pt.phon.iter().filter(|c| **c != NONE) {
                    out.push(rule_key(
                        Rule::GivenPatronymic,
                        &[c, st.get(*pc).as_bytes()],
                    ));
                }
            }
            if year != 0 {
                out.push(rule_key(Rule::GivenYear, &[c, &year_b, &initial(surname)]));
            }
        }
    }
}

/// Computes every record's keys.
fn make_keys(p: &Prepared, threads: usize) -> Keys {
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
            buf.sort_unstable();
            buf.dedup();
            lens.push(buf.len() as u32);
            keys.extend_from_slice(&buf);
        }
        (keys, lens)
    });
    let total: usize = parts.iter().map(|(k, _)| k.len()).sum();
    let mut keys = Vec::with_capacity(total);
    let mut lo = Vec::with_capacity(p.len() + 1);
    lo.push(0u32);
    for (k, lens) in parts {
        keys.extend_from_slice(&k);
        for l in lens {
            let last = *lo.last().unwrap_or(&0);
            lo.push(last + l);
        }
    }
    let complete = vec![false; keys.len()];
    Keys { keys, lo, complete }
}

/// A block: a key and its members (record indices).
struct Block {
    key: u64,
    members: Vec<u32>,
}

/// Finds the candidate pairs: calls `visit(i, j, rule)` once per pair (i < j) on `threads`
/// threads, each with its own state from `init`; returns the states and the statistics.
pub(crate) fn candidate_pairs<S: Send>(
    p: &Prepared,
    opt: &BlockOptions,
    init: impl Fn() -> S + Sync,
    visit: impl Fn(&mut S, usize, usize, Rule) + Sync,
) -> (Vec<S>, BlockingStats) {
    let mut keys = make_keys(p, opt.threads);
    let mut stats = BlockingStats {
        keys: keys.keys.len(),
        ..BlockingStats::default()
    };
    // (key, record, position in the flat key array), sorted by key.
    let mut entries: Vec<(u64, u32, u32)> = Vec::with_capacity(keys.keys.len());
    for i in 0..p.len() {
        for pos in keys.lo[i]..keys.lo[i + 1] {
            entries.push((keys.keys[pos as usize], i as u32, pos));
        }
    }
    entries.sort_unstable();
    let mut blocks: Vec<Block> = Vec::new();
    let mut large: Vec<LargeBlock> = Vec::new();
    let mut s = 0;
    while s < entries.len() {
        let mut e = s + 1;
        while e < entries.len() && entries[e].0 == entries[s].0 {
            e += 1;
        }
        let size = e - s;
        if size >= 2 {
            stats.blocks += 1;
            stats.largest_block = stats.largest_block.max(size);
            if size <= opt.max_block {
                for x in &entries[s..e] {
                    keys.complete[x.2 as usize] = true;
                }
            } else {
                large.push(LargeBlock {
                    rule: key_rule(entries[s].0),
                    size,
                    example: entries[s].1 as usize,
                });
            }
            blocks.push(Block {
                key: entries[s].0,
                members: entries[s..e].iter().map(|x| x.1).collect(),
            });
        }
        s = e;
    }
    drop(entries);
    stats.large_block_count = large.len();
    large.sort_by(|a, b| b.size.cmp(&a.size));
    large.truncate(20);
    stats.large_blocks = large;
    // Spread the work: blocks interleaved over threads by cost.
    let keys = &keys;
    let blocks = &blocks;
    let results = par_chunks(opt.threads.max(1), opt.threads, |range| {
        let mut out = Vec::new();
        for t in range {
            let mut state = init();
            let mut pairs = 0u64;
            for b in blocks.iter().skip(t).step_by(opt.threads.max(1)) {
                pairs += visit_block(p, keys, b, opt, &mut state, &visit);
            }
            out.push((state, pairs));
        }
        out
    });
    let mut states = Vec::new();
    for chunk in results {
        for (s, n) in chunk {
            stats.candidate_pairs += n;
            states.push(s);
        }
    }
    (states, stats)
}

fn visit_block<S>(
    p: &Prepared,
    keys: &Keys,
    b: &Block,
    opt: &BlockOptions,
    state: &mut S,
    visit: &impl Fn(&mut S, usize, usize, Rule),
) -> u64 {
    let rule = key_rule(b.key);
    let mut n = 0;
    let mut emit = |x: u32, y: u32| {
        let (i, j) = if x < y { (x, y) } else { (y, x) };
        let (i, j) = (i as usize, j as usize);
        if i != j && !keys.seen_before(i, j, b.key) {
            visit(state, i, j, rule);
            n += 1;
        }
    };
    if b.members.len() <= opt.max_block {
        for (k, &x) in b.members.iter().enumerate() {
            for &y in &b.members[k + 1..] {
                emit(x, y);
            }
        }
    } else {
        // Sorted neighbourhood over the fields the key does not use.
        let mut m = b.members.clone();
        let sort_key = |i: u32| window_key(p, i as usize, rule);
        let mut keyed: Vec<(String, u32)> = m.iter().map(|&i| (sort_key(i), i)).collect();
        keyed.sort_unstable();
        m = keyed.into_iter().map(|(_, i)| i).collect();
        for (k, &x) in m.iter().enumerate() {
            for &y in m[k + 1..].iter().take(opt.window) {
                emit(x, y);
            }
        }
    }
    n
}

/// The text a large block is sorted by: the name parts and year its rule does not use.
fn window_key(p: &Prepared, i: usize, rule: Rule) -> String {
    let st = &p.strings;
    let Some(name) = p.names_of(i).first() else {
        return String::new();
    };
    let part = |k: usize| {
        name.parts[k]
            .map_or("", |x| st.get(if k == 1 { x.folded } else { x.stem }))
            .to_owned()
    };
    let year = p.recs[i].birth_year.to_string();
    match rule {
        Rule::SurnameInitial => format!("{} {} {year}", part(1), part(2)),
        Rule::SurnameYear => format!("{} {}", part(1), part(2)),
        Rule::GivenPatronymic => format!("{} {year}", part(0)),
        Rule::GivenYear => format!("{} {}", part(0), part(2)),
        Rule::NameSet => format!("{} {year}", part(2)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::compare::tests::rec;

    #[test]
    fn pairs_once_and_across_scripts() {
        let recs = vec![
            rec("a", "Бөкейханов Әлихан Нұрмұхамедұлы", Some("1866")),
            rec("b", "Букейханов Алихан Нурмухамедович", Some("1866")),
            rec("c", "Bukeikhanov Alikhan", Some("1866")),
            rec("d", "Байтурсынов Ахмет", Some("1872")),
            rec("e", "Букейханов Алихан", None),
        ];
        let p = Prepared::build(&recs, 1);
        let opt = BlockOptions {
            max_block: 100,
            window: 5,
            threads: 2,
        };
        let (states, stats) = candidate_pairs(&p, &opt, Vec::new, |s: &mut Vec<u64>, i, j, _| {
            s.push(((i as u64) << 32) | j as u64)
        });
        let all: Vec<u64> = states.concat();
        let mut set = all.clone();
        set.sort_unstable();
        set.dedup();
        assert_eq!(all.len(), set.len(), "a pair was visited twice");
        // a, b, c, e are all one block under surname+initial: 6 pairs; d is alone.
        assert_eq!(set.len(), 6, "{set:?}");
        assert_eq!(stats.candidate_pairs, 6);
    }

    #[test]
    fn large_blocks_use_a_window() {
        let recs: Vec<_> = (0..50)
            .map(|k| rec(&format!("r{k}"), &format!("Ахметов Ахмет{k}"), None))
            .collect();
        let p = Prepared::build(&recs, 1);
        let opt = BlockOptions {
            max_block: 10,
            window: 3,
            threads: 1,
        };
        let (_, stats) = candidate_pairs(&p, &opt, || (), |_, _, _, _| {});
        assert_eq!(stats.large_block_count, 1);
        assert_eq!(stats.candidate_pairs, 47 * 3 + 2 + 1);
    }
}
