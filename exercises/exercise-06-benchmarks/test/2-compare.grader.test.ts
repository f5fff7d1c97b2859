import { check, expectFigure, expectThat } from '@kit/grading';
import { vi } from 'vitest';
import { bench, resetServers, route, serverStats } from './servers.ts';

check(
  'compare gives each target its figures and its ratio to the first, and prints them',
  { points: 2, hint: 5 },
  async () => {
    const { compare, measure } = await bench();
    // One short run first: what the first run in a process costs once (loading, compiling the
    // load generator) would land on the first target alone and skew its ratio.
    try {
      await measure(route('/slow50'), { connections: 5, durationMs: 300 });
    } catch {
      // Its own result is another check's to judge.
    }
    const printed: string[] = [];
    const capture = (...args: unknown[]) => {
      printed.push(
        args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '),
      );
    };
    const spies = [
      vi.spyOn(console, 'log').mockImplementation(capture),
      vi.spyOn(console, 'table').mockImplementation(capture),
      vi.spyOn(console, 'info').mockImplementation(capture),
    ];
    let rows: Awaited<ReturnType<typeof compare>>;
    await resetServers();
    try {
      rows = await compare(
        [
          { name: 'a hundred ms', url: route('/slow100') },
          { name: 'fifty ms', url: route('/slow50') },
        ],
        { connections: 5, durationMs: 1_000 },
      );
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expectThat(rows.length === 2 && rows[0]?.name === 'a hundred ms' && rows[0]?.ratio === 1, {
      measured: `${rows.length} rows: ${rows.map((row) => `${row.name} ×${row.ratio}`).join(', ')}`,
      expected: 'one row per target, in order, the first with a ratio of exactly 1',
      meaning: 'Each target is compared with the first: the first against itself is 1.',
      hint: 5,
    });
    expectFigure({
      label: 'ratio of a 50 ms route to a 100 ms one',
      measured: rows[1]?.ratio ?? 0,
      atLeast: 1.5,
      atMost: 2.6,
      meaning:
        "Half the latency over the same connections serves about twice the requests: the ratio is requests per second over the first target's.",
      hint: 5,
    });
    const { windows } = await serverStats();
    const first = windows['/slow100'];
    const second = windows['/slow50'];
    expectThat(first !== undefined && second !== undefined && first.lastAt <= second.firstAt, {
      measured:
        first && second
          ? `the 100 ms target was loaded from ${Math.round(first.firstAt)} to ${Math.round(first.lastAt)} ms, the 50 ms one from ${Math.round(second.firstAt)} to ${Math.round(second.lastAt)} ms`
          : 'one of the targets was never asked',
      expected: "the second target's first request after the first target's last answer",
      meaning:
        'Targets measured at the same time share the cores, the network and the load generator: each figure then depends on the other. Measure one target after another.',
      hint: 5,
    });
    const output = printed.join('\n');
    expectThat(output.includes('a hundred ms') && output.includes('fifty ms'), {
      measured: output ? `printed: ${output.slice(0, 200)}` : 'nothing printed',
      expected: 'a table that names both targets',
      meaning: 'compare prints its table (console.table or console.log) for the person who ran it.',
      hint: 5,
    });
  },
);
