// Build + audit of the département release of the demo (one year: both semesters) and of a 10×
// larger synthetic département (every demo group copied 9 times as intercommunal groups, with
// their submissions and rows), on a temporary SQLite store. Each release is protected against an
// intruder who knows the published statuses, then audited again here with and without that
// knowledge. Run alone: npx tsx bench/release-bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { audit } from '../src/lib/disclosure/index';
import { migrate, openStore } from '../src/lib/server/db/index';
import type { Database } from '../src/lib/server/db/schema';
import { DEMO_DEPARTEMENT, seedDemo } from '../src/lib/server/demo/seed';
import { buildRelease } from '../src/lib/server/releases/build';

const PERIODS = ['2025-S1', '2025-S2'];
const K = 5;

async function columns(db: Kysely<Database>, table: string): Promise<string[]> {
	const { rows } = await sql<{
		name: string;
	}>`select name from pragma_table_info(${table})`.execute(db);
	return rows.map((r) => r.name);
}

/** Copies every demo group `times − 1` times (with an extra commune of its EPCI) and its data. */
async function multiply(db: Kysely<Database>, times: number) {
	const rowTables = ['situation_rows', 'incident_rows', 'seance_rows', 'bilan_rows'];
	const cols = Object.fromEntries(
		await Promise.all(rowTables.map(async (t) => [t, await columns(db, t)] as const))
	);
	const periods = sql.join(PERIODS.map((p) => sql`${p}`));
	for (let i = 1; i < times; i++) {
		const x = `-x${i}`;
		await sql`insert into groups select id || ${x}, name || ${` (${i + 1})`}, instance_type,
			departement, coordinator_institution, member_institutions, demo, created_at
			from groups where departement = ${DEMO_DEPARTEMENT} and id not like '%-x%'`.execute(db);
		await sql`insert into group_communes select gc.group_id || ${x}, gc.commune_code
			from group_communes gc join groups g on g.id = gc.group_id
			where g.departement = ${DEMO_DEPARTEMENT} and g.id not like '%-x%'`.execute(db);
		// an extra commune of the same EPCI makes each copy a distinct intercommunal territory
		await sql`insert or ignore into group_communes select * from (
			select g.id || ${x} as group_id, (
				select c2.code from communes c2
				where c2.epci = (select c.epci from communes c join group_communes gc
					on gc.commune_code = c.code where gc.group_id = g.id limit 1)
				and c2.code not in (select commune_code from group_communes where group_id = g.id)
				order by c2.code limit 1 offset ${i - 1}) as commune_code
			from groups g where g.departement = ${DEMO_DEPARTEMENT} and g.id not like '%-x%'
		) where commune_code is not null`.execute(db);
		await sql`insert into submissions select id || ${x}, group_id || ${x}, kind, period, version,
			status, sha256, filename, size_bytes, row_count, uploaded_by, uploaded_at,
			case when supersedes is null then null else supersedes || ${x} end, change_summary
			from submissions where period in (${periods}) and id not like '%-x%'`.execute(db);
		for (const t of rowTables) {
			const list = cols[t].map((c) =>
				c === 'submission_id' ? `r.submission_id || '${x}'` : `r.${c}`
			);
			await sql`insert into ${sql.table(t)} (${sql.raw(cols[t].join(', '))})
				select ${sql.raw(list.join(', '))} from ${sql.table(t)} r
				join submissions s on s.id = r.submission_id
				where s.period in (${periods}) and s.id not like '%-x%'`.execute(db);
		}
	}
}

/** `exact`: the re-audit computes every hidden cell's exact LP bounds; otherwise it asks only for
 * the verdict (propagation and witness tables, as in the build, but from scratch). */
async function bench(db: Kysely<Database>, label: string, exact = true) {
	let totalMs = 0;
	for (const period of PERIODS) {
		const t0 = performance.now();
		const { release, protection } = await buildRelease(db, {
			audience: 'departement',
			scope: DEMO_DEPARTEMENT,
			period,
			k: K
		});
		const buildMs = performance.now() - t0;
		totalMs += buildMs;
		const t1 = performance.now();
		const { model, statuses } = protection as NonNullable<typeof protection>;
		const boundsFor = exact ? 'all' : 'primary';
		const known = await audit(model, statuses, {
			k: K,
			hiddenNonZero: true,
			protectionWidth: 2,
			groupWhole: false,
			boundsFor,
			timeLimitMs: 600_000
		});
		const classic = await audit(model, statuses, {
			k: K,
			groupWhole: false,
			boundsFor,
			timeLimitMs: 600_000
		});
		const auditMs = performance.now() - t1;
		const territories = release.units.filter((u) => u.level === 'territoire').length;
		console.log(
			`${label} ${period}: ${release.groups.length} groups, ${territories} territories, ` +
				`${release.cells.length} cells, ${release.stats.hidden} hidden; build (protect included) ${Math.round(buildMs)} ms; ` +
				`${exact ? 'exact' : 'verdict'} re-audit ${Math.round(auditMs)} ms: seeing hidden cells (width 2) ${known.ok ? 'ok' : 'FAILED'}, ` +
				`classic ${classic.ok ? 'ok' : 'FAILED'}; regrouped ${Object.keys(release.recoded ?? {}).length} variables`
		);
	}
	console.log(`${label}: one year (${PERIODS.join(' + ')}) built in ${Math.round(totalMs)} ms`);
}

export async function run(): Promise<void> {
	const dir = mkdtempSync(path.join(tmpdir(), 'bp-release-bench-'));
	const store = openStore({ databaseUrl: null, dataDir: dir });
	try {
		await migrate(store);
		const t0 = performance.now();
		await seedDemo(store.db);
		console.log(`demo seeded in ${Math.round(performance.now() - t0)} ms`);
		await bench(store.db, 'demo département (cold)');
		await bench(store.db, 'demo département (warm)');
		const t1 = performance.now();
		await multiply(store.db, 10);
		console.log(`10× département seeded in ${Math.round(performance.now() - t1)} ms`);
		await bench(store.db, '10× département', false);
	} finally {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
