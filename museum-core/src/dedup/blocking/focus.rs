//! The pairs of an incremental run ([`focus_pairs`]): in the blocks of the new and changed
//! records' keys, exactly the pairs a full run compares that hold one of them.

use super::{
    Block, BlockOptions, BlockingStats, Blocks, FLAG, Keys, Order, OrderScratch, Orders, Rule,
    key_rule, linked_key, max_pairs, orders_by, qualifying_pairs, window_key_into,
};
use crate::dedup::util::{par_chunks, threads};

/// One block of [`focus_pairs`]: its key and its members, each a record index and the record's
/// flag for the key (see [`super::Rule::pairs`]), in record order.
pub(crate) type FocusBlock = (u64, Vec<(u32, bool)>);

/// A record's sort fields in large blocks ([`super::WindowFields`]), borrowed from where they
/// are kept (the person index, or the new records' keys): sorting a large block then allocates
/// nothing per member.
pub(crate) type WindowRef<'a> = ([&'a str; 3], i16);

/// The pairs a full run compares that hold at least one record in `focus`, over `blocks` (the
/// blocks of the focus records' keys, with all their members): every qualifying pair of a block
/// compared in full, and in a large block the sorted neighbours (the same orders, windows and
/// sub-blocks as [`Blocks::visit`], ties in the orders to the earlier record). `window(i)`:
/// record `i`'s sort fields ([`super::window_fields`]), read for the members of large blocks. Returns the pairs as
/// [`linked_key`]s, sorted, each once (a pair found under several keys too).
///
/// What an incremental `museum persons` run scores: the new records against the known records
/// a full run of the grown archive would compare them with, and no others.
pub(crate) fn focus_pairs<'a>(
    blocks: &[FocusBlock],
    window: &(dyn Fn(u32) -> Option<WindowRef<'a>> + Sync),
    focus: &[bool],
    opt: &BlockOptions,
) -> Vec<u64> {
    let parts = par_chunks(blocks.len(), threads(opt.threads), |range| {
        let mut out = Vec::new();
        for (key, members) in &blocks[range] {
            block_pairs(*key, members, window, focus, opt, &mut out);
        }
        out.sort_unstable();
        out.dedup();
        out
    });
    let mut all: Vec<u64> = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for p in parts {
        all.extend(p);
    }
    all.sort_unstable();
    all.dedup();
    all
}

/// The pairs of one block holding a focus record, pushed as [`linked_key`]s.
fn block_pairs<'a>(
    key: u64,
    members: &[(u32, bool)],
    window: &(dyn Fn(u32) -> Option<WindowRef<'a>> + Sync),
    focus: &[bool],
    opt: &BlockOptions,
    out: &mut Vec<u64>,
) {
    let rule = key_rule(key);
    let n = members.len();
    if n < 2 {
        return;
    }
    let is_focus = |m: usize| focus[members[m].0 as usize];
    let flagged = members.iter().filter(|m| m.1).count();
    if qualifying_pairs(rule, n, flagged) <= max_pairs(opt, rule) {
        // Compared in full: each focus member with every member its rule pairs it with.
        for a in (0..n).filter(|&a| is_focus(a)) {
            for b in 0..n {
                if b != a && (b > a || !is_focus(b)) && rule.pairs(members[a].1, members[b].1) {
                    out.push(linked_key(members[a].0, members[b].0));
                }
            }
        }
        return;
    }
    // The flagged members first, each part in record order, as `Blocks::build` lays a block out.
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by_key(|&m| (!members[m as usize].1, m));
    let mut member = vec![0u32; n];
    for (at, &m) in order.iter().enumerate() {
        member[m as usize] = at as u32;
    }
    let block = Block {
        key,
        complete: false,
        flagged: flagged as u32,
        members: order
            .iter()
            .map(|&m| m | if members[m as usize].1 { FLAG } else { 0 })
            .collect(),
    };
    // The orders `orders_with` sorts the block in, each member's sort text written straight
    // from its borrowed fields (no name: an empty text in sub-block 0, as `window_keys_of`).
    let fields: Vec<Option<WindowRef<'a>>> = members.iter().map(|m| window(m.0)).collect();
    let orders = orders_by(
        &block,
        &mut OrderScratch::default(),
        |m, o, text| match fields[(block.members[m] & !FLAG) as usize] {
            Some((parts, year)) => window_key_into(parts, year, rule, o, text),
            None => 0,
        },
    );
    // One block, every member holding its one key: the full run's partners within it.
    let blocks = Blocks {
        keys: Keys {
            keys: vec![key; n],
            flags: members.iter().map(|m| m.1).collect(),
            lo: (0..=n as u32).collect(),
            block: vec![0; n],
            member,
        },
        blocks: vec![block],
        orders: vec![Some(orders)],
        visit_order: Vec::new(),
        stats: BlockingStats::default(),
    };
    let Some(Orders(orders)) = &blocks.orders[0] else {
        return;
    };
    // A full run finds each pair from its member earlier in record order ([`Blocks::partners`]
    // pushes only later partners): the pairs of a focus member are the later members its own
    // scan finds, and the earlier members whose scans reach it. Only the focus members are
    // looked at, so the cost follows them, not the block.
    let mut found = Vec::new();
    for f in (0..n).filter(|&f| is_focus(f)) {
        found.clear();
        blocks.partners(opt, f, &|_| true, &mut found);
        for &(b, _) in &found {
            out.push(linked_key(members[f].0, members[b as usize].0));
        }
        for o in orders {
            let at = o.place[blocks.keys.member[f] as usize] as usize;
            reaching(o, at, rule, opt, &mut |x, x_flag| {
                if x < f && rule.pairs(x_flag, members[f].1) {
                    out.push(linked_key(members[x].0, members[f].0));
                }
            });
        }
    }
}

/// Calls `reach(x, flag)` for every member `x` whose scan in order `o` ([`Blocks::partners`]:
/// `window` members on each side, then on while the members are of its sub-block, at most
/// `reach` places) arrives at the member at place `at`. A scan stops at the first member past
/// its window outside its sub-block (a member without a sub-block stops at its window), so `x`,
/// `d` places away, arrives when `d` is within its window, or when `x` has a sub-block and
/// every member from its window's end up to the one at `at` is in it.
fn reaching(
    o: &Order,
    at: usize,
    rule: Rule,
    opt: &BlockOptions,
    reach: &mut dyn FnMut(usize, bool),
) {
    let window = rule.window(opt.window);
    let most = window.max(opt.max_block);
    let n = o.members.len();
    let s = o.sub[at];
    // The run of places around `at` in its sub-block: [lo, hi].
    let (mut lo, mut hi) = (at, at);
    while lo > at.saturating_sub(most) && o.sub[lo - 1] == s {
        lo -= 1;
    }
    while hi + 1 < n.min(at + most + 1) && o.sub[hi + 1] == s {
        hi += 1;
    }
    let mut visit = |p: usize, d: usize, within: bool| {
        let sub = o.sub[p];
        if d <= window || (sub != 0 && sub == s && within) {
            let y = o.members[p];
            reach((y & !FLAG) as usize, y & FLAG != 0);
        }
    };
    for d in 1..=most.min(at) {
        // The members from `x`'s window's end to `at`: places at - d + 1 + window ..= at.
        visit(at - d, d, at + 1 + window >= d + lo);
    }
    for d in 1..=most.min(n - 1 - at) {
        // Places at ..= at + d - 1 - window.
        visit(at + d, d, at + d <= hi + 1 + window);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Rule, candidate_pairs, keys_per_record, window_fields};
    use super::*;
    use crate::dedup::compare::Prepared;
    use crate::dedup::compare::tests::rec;
    use crate::hash::FxHashMap;

    #[test]
    fn the_pairs_of_the_focus_records_are_those_a_full_run_compares() {
        // Few surnames, given names and years: blocks far above the cap, compared in windows
        // and sub-blocks; initials, missing years and places for the rules that pair by flags.
        let surnames = ["Ахметов", "Ахмедов", "Сейфуллин", "Жансугуров", "Дулатов"];
        let given = ["Ахмет", "Сакен", "Ильяс", "А.", "Миржакип", ""];
        let patronymics = ["Байтурсынович", "Садуакасович", ""];
        let places = ["аул Каркаралы", "Торгай", ""];
        let mut recs = Vec::new();
        for k in 0..420usize {
            let name = format!(
                "{} {} {}",
                surnames[k % 5],
                given[(k / 5) % 6],
                patronymics[(k / 7) % 3]
            );
            let year = (k % 11 != 0).then(|| format!("{}", 1890 + (k * 7) % 6));
            let mut r = rec(&format!("r{k}"), name.trim(), year.as_deref());
            let place = places[(k / 3) % 3];
            r.birth_place = (!place.is_empty()).then(|| place.to_owned());
            recs.push(r);
        }
        let p = Prepared::build(&recs, 1);
        let fields: Vec<Option<super::super::WindowFields>> =
            (0..p.len()).map(|i| window_fields(&p, i)).collect();
        let window = |i: u32| {
            fields[i as usize]
                .as_ref()
                .map(|([s, g, pt], year)| ([&**s, &**g, &**pt], *year))
        };
        // Narrow and wide windows, small and larger caps: scans that stop at their window, and
        // scans that run on through long sub-blocks.
        for (max_block, win) in [(6, 2), (4, 1), (12, 3)] {
            let opt = BlockOptions {
                max_block,
                window: win,
                threads: 2,
                rules: Rule::ALL.to_vec(),
            };
            let (states, stats) =
                candidate_pairs(&p, &opt, Vec::new, |s: &mut Vec<u64>, i, j, _| {
                    s.push(linked_key(i as u32, j as u32));
                });
            assert!(stats.large_block_count > 10, "{stats:?}");
            let keys = keys_per_record(&p, 1, &opt.rules);
            for stride in [1, 2, 7, 60] {
                let focus: Vec<bool> = (0..recs.len()).map(|i| i % stride == 3 % stride).collect();
                let mut blocks: FxHashMap<u64, Vec<(u32, bool)>> = FxHashMap::default();
                for (i, k) in keys.iter().enumerate() {
                    if focus[i] {
                        for &(key, _) in k {
                            blocks.entry(key).or_default();
                        }
                    }
                }
                for (i, k) in keys.iter().enumerate() {
                    for &(key, flag) in k {
                        if let Some(b) = blocks.get_mut(&key) {
                            b.push((i as u32, flag));
                        }
                    }
                }
                let blocks: Vec<FocusBlock> = blocks.into_iter().collect();
                let mut want: Vec<u64> = states
                    .iter()
                    .flatten()
                    .copied()
                    .filter(|&k| focus[(k >> 32) as usize] || focus[(k & 0xffff_ffff) as usize])
                    .collect();
                want.sort_unstable();
                want.dedup();
                let got = focus_pairs(&blocks, &window, &focus, &opt);
                assert!(!want.is_empty());
                assert_eq!(
                    got.len(),
                    want.len(),
                    "cap {max_block}, window {win}, stride {stride}"
                );
                assert_eq!(got, want, "cap {max_block}, window {win}, stride {stride}");
            }
        }
    }
}
