import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateBytes, validateStream, normalizedColumns } from './validate';
import { contractView } from './report';
import { generateRows, rowsToCsv, generateBilanText, rng } from './generate';
import { plantIdentifier, PLANTED_TYPES } from './pii/plant';
import { rowSchema, toRecord, bilanFormSchema } from './schema';
import { compileKind, checkRow, type CellError } from './checks';
import { CROSS_RULES, FIELDS, MONTH_RE, REF_RE, isMonth, isRef } from './fields';
import { keyClassSizes } from './risk';
import { validateBilanForm } from './bilan';
import { openText } from './reader/decode';
import { CsvParser } from './reader/csv';
import { contractArtifacts } from './artifacts';
import { rowBuildersModule } from './row-source';
import { TABULAR_KINDS, type TabularKind } from './codes';

const FIX = join(import.meta.dirname, '..', 'tests', 'fixtures', 'contracts');
const enc = (s: string) => new TextEncoder().encode(s);
const csvOf = (
	kind: TabularKind,
	rows: Iterable<Record<string, string>>,
	delimiter: ';' | ',' = ';'
) => [...rowsToCsv(kind, rows, { delimiter })].join('');
const kindOf = (f: string) =>
	f.startsWith('bilan')
		? 'bilan'
		: f.startsWith('seances')
			? 'seances'
			: f.startsWith('incidents')
				? 'incidents'
				: 'situations';

describe('golden reports', () => {
	const files = readdirSync(FIX).filter((f) => !f.endsWith('.json'));
	it.each(files)('%s', (f) => {
		const got = contractView(validateBytes(kindOf(f), readFileSync(join(FIX, f))));
		const want = JSON.parse(readFileSync(join(FIX, f + '.golden.json'), 'utf8'));
		expect(got).toEqual(want);
	});
});

describe('reading', () => {
	it('decodes Windows-1252 and UTF-8 with BOM', () => {
		const r = validateBytes('situations', readFileSync(join(FIX, 'situations-win1252.csv')));
		expect(r.encoding).toBe('windows-1252');
		const bom = validateBytes('situations', readFileSync(join(FIX, 'situations-valid.csv')));
		expect(bom.ok).toBe(true);
		const withBom = new Uint8Array([
			0xef,
			0xbb,
			0xbf,
			...readFileSync(join(FIX, 'situations-valid.csv'))
		]);
		expect(validateBytes('situations', withBom).ok).toBe(true);
	});
	it('decodes UTF-16 with BOM', () => {
		const text = readFileSync(join(FIX, 'situations-valid.csv'), 'utf8');
		const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		expect(validateBytes('situations', le).ok).toBe(true);
	});
	it('refuses binaries with an actionable message', () => {
		const png = validateBytes('situations', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]));
		expect(png.errors[0].code).toBe('file.binary');
		const xlsx = validateBytes('situations', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]));
		expect(xlsx.errors[0].message).toMatch(/Excel.*CSV/);
		const nul = validateBytes('situations', enc('a;b\n\u0000\u0000'));
		expect(nul.errors[0].code).toBe('file.binary');
	});
	it('checks the size limit before parsing', () => {
		const r = validateBytes('situations', enc('x'.repeat(2000)), { maxBytes: 1000 });
		expect(r.errors[0].code).toBe('file.too_large');
	});
	it('parses quoted fields with newlines and doubled quotes across chunks, with line numbers', () => {
		const rows: [string[], number][] = [];
		const p = new CsvParser(';', { row: (f, l) => rows.push([f, l]) });
		const text = 'a;b\r\n"x\ny";"he said ""hi"""\r\nc;d';
		for (const ch of text) p.push(ch);
		p.end();
		expect(rows).toEqual([
			[['a', 'b'], 1],
			[['x\ny', 'he said "hi"'], 2],
			[['c', 'd'], 4]
		]);
	});
	it('counts a CRLF inside a quoted field once, even split between two chunks', () => {
		const text = 'a;b\r\n"x\r\ny";"z"\r\n"p\rq";r\r\nc;d\r\n';
		const parse = (chunks: string[]) => {
			const rows: [string[], number][] = [];
			const p = new CsvParser(';', { row: (f, l) => rows.push([f, l]) });
			for (const c of chunks) p.push(c);
			p.end();
			return rows;
		};
		const whole = parse([text]);
		expect(whole.map(([, l]) => l)).toEqual([1, 2, 4, 6]);
		for (let cut = 1; cut < text.length; cut++) {
			expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
		}
	});
	it('reads whole plain lines as it reads them piece by piece (property)', () => {
		// chunks of one character never hold a whole line, so every record takes the general path
		// (a CRLF is kept in one chunk here: its split is tested above)
		const chunked = (text: string, size: number) => {
			const out: string[] = [];
			for (let i = 0; i < text.length;) {
				let end = Math.min(text.length, i + size);
				if (text[end - 1] === '\r' && text[end] === '\n') end++;
				out.push(text.slice(i, end));
				i = end;
			}
			return out;
		};
		const parse = (chunks: string[], d: ';' | ',') => {
			const rows: [string[], number][] = [];
			const p = new CsvParser(d, { row: (f, l) => rows.push([f, l]) });
			for (const c of chunks) p.push(c);
			return { rows, end: p.end() };
		};
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom('a', 'é', ';', ',', '"', '""', '\n', '\r', '\r\n', ' ', 'xyz'), {
					maxLength: 60
				}),
				fc.constantFrom(';', ','),
				fc.integer({ min: 2, max: 40 }),
				(parts, d, size) => {
					const text = parts.join('');
					const pieceByPiece = parse(chunked(text, 1), d);
					expect(parse([text], d)).toEqual(pieceByPiece);
					expect(parse(chunked(text, size), d)).toEqual(pieceByPiece);
				}
			),
			{ numRuns: 2000 }
		);
	});
	it('handles a 1 MB line', () => {
		const row = [...generateRows('situations', { seed: 1, rows: 1 })][0];
		const r = validateBytes(
			'situations',
			enc(csvOf('situations', [{ ...row, commentaire: 'a'.repeat(1 << 20) }]))
		);
		expect(r.errors.map((e) => e.code)).toEqual(['value.too_long']);
	});
	it('never throws on arbitrary bytes (property)', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ maxLength: 400 }),
				fc.constantFrom(...TABULAR_KINDS, 'bilan'),
				(bytes, kind) => {
					const r = validateBytes(kind, bytes);
					expect(typeof r.ok).toBe('boolean');
				}
			),
			{ numRuns: 400 }
		);
		fc.assert(
			fc.property(fc.string({ maxLength: 300 }), (s) => {
				const o = openText(enc(s));
				expect(o.ok || !o.ok).toBe(true);
				expect(() => validateBytes('seances', enc(s))).not.toThrow();
			}),
			{ numRuns: 300 }
		);
	});
});

describe('records read in place', () => {
	// A line without quotes is read in place, a line with quotes cell by cell: quoting every cell
	// of a file whose cells hold no quote, delimiter or line break must change nothing.
	const quoteAll = (csv: string, d: string) =>
		csv
			.split('\r\n')
			.map((l) =>
				l === ''
					? l
					: l
							.split(d)
							.map((c) => `"${c}"`)
							.join(d)
			)
			.join('\r\n');
	it('gives the same report and rows as the general reader (property)', () => {
		const mutate = [
			(v: string) => ` ${v}`,
			(v: string) => `${v}\t`,
			(v: string) => v.toUpperCase(),
			(v: string) => `${v}é`,
			(v: string) => `é${v}`,
			() => '',
			() => ' ',
			(v: string) => v.slice(1),
			(v: string) => `Kevin ${v}`
		];
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 1e6 }),
				fc.constantFrom(...TABULAR_KINDS),
				fc.constantFrom(';', ','),
				fc.array(fc.tuple(fc.nat(40), fc.nat(20), fc.nat(mutate.length - 1)), { maxLength: 12 }),
				fc.array(fc.tuple(fc.nat(40), fc.nat(2)), { maxLength: 4 }),
				(seed, kind, d, edits, lineEdits) => {
					const rows = [...generateRows(kind, { seed, rows: 40, commentShare: 0.3 })];
					const cols = Object.keys(rows[0]);
					for (const [r, c, m] of edits) {
						const col = cols[c % cols.length];
						const v = mutate[m](rows[r % rows.length][col] ?? '');
						rows[r % rows.length][col] = d === ',' ? v.replaceAll(';', ',') : v;
					}
					// lines with a cell too many or too few, blank lines and lines of empty cells
					const lines = csvOf(kind, rows, d as ';' | ',').split('\r\n');
					for (const [l, op] of lineEdits) {
						const k = 1 + (l % (lines.length - 2));
						if (op === 0) lines[k] += d;
						else if (op === 1) lines[k] = lines[k].replace(d, '');
						else lines[k] = k % 2 ? '' : d.repeat(cols.length - 1);
					}
					const csv = lines.join('\r\n');
					fc.pre(!csv.includes('"'));
					const plain: unknown[] = [];
					const quoted: unknown[] = [];
					const a = validateBytes(kind, enc(csv), { onRow: (x) => plain.push(x) });
					const b = validateBytes(kind, enc(quoteAll(csv, d)), { onRow: (x) => quoted.push(x) });
					expect(a).toEqual(b);
					expect(plain).toEqual(quoted);
				}
			),
			{ numRuns: 150 }
		);
	});
});

describe('contracts', () => {
	it.each(TABULAR_KINDS)(
		'accepts generated %s rows in both delimiters and streams them normalized',
		(kind) => {
			// what each normalized value must be, from the field definitions
			const expected = (src: Record<string, string>) =>
				Object.fromEntries(
					FIELDS[kind].map((f) => {
						const v = (src[f.name] ?? '').trim();
						return [
							f.name,
							v === ''
								? null
								: f.type === 'integer'
									? Number(v)
									: f.type === 'boolean'
										? v === 'oui'
										: v
						];
					})
				);
			for (const d of [';', ','] as const) {
				const source = [...generateRows(kind, { seed: 11, rows: 300, commentShare: 0.5 })];
				const csv = csvOf(kind, source, d);
				const rows = [];
				const it = validateStream(kind, enc(csv));
				let n = it.next();
				while (!n.done) {
					rows.push(n.value);
					n = it.next();
				}
				expect(n.value.errors).toEqual([]);
				expect(n.value.ok).toBe(true);
				expect(rows).toHaveLength(300);
				expect(Object.keys(rows[0].row)).toEqual(normalizedColumns(kind).map((c) => c.name));
				expect(rows.map((r) => r.row)).toEqual(source.map(expected));
				if (kind === 'situations') expect(rows.some((r) => r.row.commentaire === null)).toBe(true);
			}
		}
	);
	it('zod schema and fast checker agree (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 1e6 }),
				fc.constantFrom(...TABULAR_KINDS),
				fc.nat(20),
				fc.constantFrom(
					'',
					'X',
					'2025-13',
					'Mme Dupont',
					'0',
					'100',
					'2025-02-30',
					'oui',
					'cloturee',
					'decrochage',
					'Clôturée',
					'Délinquance',
					'14 - 15',
					'Éducation nationale',
					'mars 2025',
					'3/2025',
					'2025-03-14',
					'NON'
				),
				(seed, kind, col, value) => {
					const [row] = generateRows(kind, { seed, rows: 1, commentShare: 0.5 });
					const fields = FIELDS[kind];
					const f = fields[col % fields.length];
					const mutated = { ...row, [f.name]: value };
					const zodOk = rowSchema(kind).safeParse(toRecord(mutated)).success;
					const out: CellError[] = [];
					checkRow(
						compileKind(kind),
						fields.map((d) => (mutated[d.name] ?? '').trim()),
						out
					);
					expect(out.length === 0).toBe(zodOk);
				}
			),
			{ numRuns: 400 }
		);
	});
	it('isMonth is MONTH_RE.test (property)', () => {
		const month = fc.stringMatching(/^[0-9]{4}-[0-9]{2}$/);
		const near = fc.array(fc.constantFrom('0', '1', '2', '9', '-', 'a', '٣', ' '), {
			maxLength: 9
		});
		fc.assert(
			fc.property(
				fc.oneof(
					month,
					near.map((a) => a.join(''))
				),
				(v) => {
					expect(isMonth(v)).toBe(MONTH_RE.test(v));
				}
			),
			{ numRuns: 5000 }
		);
	});
	it('isRef is REF_RE.test (property)', () => {
		const chars = fc.constantFrom('A', 'Z', 'a', '0', '9', '-', '_', ' ', 'É', '\n');
		fc.assert(
			fc.property(fc.array(chars, { maxLength: 24 }), (a) => {
				const v = a.join('');
				expect(isRef(v)).toBe(REF_RE.test(v));
			}),
			{ numRuns: 5000 }
		);
	});
	it('cross-field rules read only the columns they declare', () => {
		for (const kind of TABULAR_KINDS)
			for (const rule of CROSS_RULES[kind]) {
				const read = new Set<string>();
				const rows = [...generateRows(kind, { seed: 3, rows: 200 })];
				for (const row of rows)
					for (const variant of [row, { ...row, statut: 'cloturee', date_cloture: '' }]) {
						const record = new Proxy(variant, {
							get: (t, k: string) => (read.add(k), t[k])
						});
						rule.check(record);
					}
				expect(
					[...read].filter((k) => !rule.reads.includes(k)),
					rule.code
				).toEqual([]);
			}
	});
	it('applies cross-field rules', () => {
		const [row] = generateRows('situations', { seed: 2, rows: 1 });
		const bad = [
			{ ...row, statut: 'cloturee', date_cloture: '' },
			{ ...row, statut: 'en_cours', date_cloture: '2025-06' },
			{ ...row, statut: 'cloturee', date_premier_examen: '2025-05', date_cloture: '2025-04' }
		];
		const r = validateBytes('situations', enc(csvOf('situations', bad)));
		expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
			[2, 'date_cloture', 'rule.date_cloture_requise'],
			[3, 'date_cloture', 'rule.date_cloture_interdite'],
			[4, 'date_cloture', 'rule.date_cloture_avant_examen']
		]);
	});
	it('suggests a misspelt column and lists structure errors first', () => {
		const [row] = generateRows('incidents', { seed: 2, rows: 1 });
		const csv = csvOf('incidents', [{ ...row, motif: 'xx' }]).replace(
			'description',
			'descriptions'
		);
		const r = validateBytes('incidents', enc(csv));
		expect(r.errors[0]).toMatchObject({ row: 1, code: 'header.unknown' });
		expect(r.errors[0].message).toContain('« description »');
		expect(r.errors[1]).toMatchObject({ row: 2, column: 'motif', code: 'value.code' });
	});
	it('refuses a planted identifier at its row and column (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 1e6 }),
				fc.constantFrom('situations', 'incidents') as fc.Arbitrary<TabularKind>,
				fc.constantFrom(...PLANTED_TYPES),
				fc.nat(9),
				fc.constantFrom(';', ','),
				fc.boolean(),
				(seed, kind, type, at, d, win) => {
					const rows = [...generateRows(kind, { seed, rows: 10, commentShare: 0.5 })];
					const p = plantIdentifier(rows[at], kind, rng(seed), type);
					rows[at] = p.row;
					const text = csvOf(kind, rows, d as ';' | ',');
					const bytes = win
						? new Uint8Array([...text].map((c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 63)))
						: enc(text);
					const r = validateBytes(kind, bytes);
					expect(r.ok).toBe(false);
					expect(r.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toContain(
						`${at + 2}:${p.column}:pii.${type}`
					);
				}
			),
			{ numRuns: 200 }
		);
	});
	it('caps the errors kept but counts them all', () => {
		const rows = [...generateRows('seances', { seed: 1, rows: 50 })].map((r) => ({
			...r,
			compte_rendu: 'peut-être'
		}));
		const r = validateBytes('seances', enc(csvOf('seances', rows)), { maxErrors: 10 });
		expect(r.errors).toHaveLength(10);
		expect(r.errorCount).toBe(50);
		expect(r.truncated).toBe(true);
	});
});

describe('re-identification risk', () => {
	it('matches sdcMicro freqCalc vectors (missing value as wildcard)', () => {
		const keys = [
			['A', 'single', '5'],
			['A', 'married', '5'],
			['A', 'married', '5'],
			['A', 'single', '5'],
			['A', 'widow', '5']
		];
		expect(keyClassSizes(keys)).toEqual([2, 2, 2, 2, 1]);
		const suppressed = keys.map((k, i) => (i === 4 ? ['A', null, '5'] : k));
		expect(keyClassSizes(suppressed)).toEqual([3, 3, 3, 3, 5]);
	});
	it('warns with the rows concerned, without refusing', () => {
		const rows = [...generateRows('situations', { seed: 5, rows: 40 })];
		const r = validateBytes('situations', enc(csvOf('situations', rows)), { k: 3 });
		expect(r.ok).toBe(true);
		expect(r.risk?.rareRows).toBe(r.risk?.rows.length);
		expect(r.warnings?.[0]?.code ?? 'none').toBe(
			r.risk!.rareRows > 0 ? 'risk.reidentification' : 'none'
		);
	});
	it('warns about what is rare in the file, not about every row of a small file', () => {
		for (const seed of [1, 2, 3, 4, 5, 6]) {
			const rows = [...generateRows('situations', { seed, rows: 40 })];
			const r = validateBytes('situations', enc(csvOf('situations', rows)), { k: 5 });
			// almost every row of 40 is alone on its four keys, yet few carry a rare value
			expect(r.risk!.belowK).toBeGreaterThan(30);
			expect(r.risk!.rareRows).toBeLessThanOrEqual(5);
			for (const v of r.risk!.rare) expect(v.count).toBe(1);
		}
		const rows = [...generateRows('situations', { seed: 9, rows: 400 })].map((row) => ({
			...row,
			problematique: 'addictions'
		}));
		rows[17] = { ...rows[17], problematique: 'victimation' };
		const r = validateBytes('situations', enc(csvOf('situations', rows)), { k: 5 });
		expect(r.risk!.rare.find((v) => v.key === 'problematique')).toEqual({
			key: 'problematique',
			value: 'victimation',
			count: 1
		});
		expect(r.risk!.rows).toContain(19);
		const message = r.warnings![0].message;
		// in words: labels, never codes
		expect(message).toContain('problématique « Victimation » (1 situation)');
		expect(message).not.toMatch(/victimation|problematique|tranche_age|hors_qpv/);
	});
	it('uses the deployment’s threshold k', () => {
		const rows = [...generateRows('situations', { seed: 9, rows: 400 })].map((row) => ({
			...row,
			problematique: 'addictions'
		}));
		for (const i of [3, 4, 5, 6, 7]) rows[i] = { ...rows[i], problematique: 'victimation' };
		const at = (k: number) =>
			validateBytes('situations', enc(csvOf('situations', rows)), { k }).risk!.rare.filter(
				(v) => v.key === 'problematique'
			).length;
		expect(at(5)).toBe(0);
		expect(at(6)).toBe(1);
	});
});

describe('bilan', () => {
	it('accepts the generated bilan and the form', () => {
		expect(validateBytes('bilan', enc(generateBilanText(3, 'justice', 'CLSPD de Massy'))).ok).toBe(
			true
		);
		const form = {
			faits_marquants: 'Six séances.',
			difficultes: 'Aucune.',
			bonnes_pratiques: 'Ordre du jour.',
			perspectives: 'Continuer.',
			institution: 'commune'
		};
		expect(validateBilanForm(form).ok).toBe(true);
		expect(bilanFormSchema.safeParse(form).success).toBe(true);
	});
	it('refuses names in a section at the right line, and a person as institution', () => {
		const r = validateBilanForm({
			faits_marquants: 'Six séances.\nLa famille Benali est suivie.',
			difficultes: 'x',
			bonnes_pratiques: 'x',
			perspectives: 'x',
			institution: 'Mme Durand'
		});
		expect(r.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual([
			'1:institution:pii.name',
			'2:faits_marquants:pii.name'
		]);
	});
	it('asks the form to choose from the list, and a file for a line with the code', () => {
		const sections = {
			faits_marquants: 'a',
			difficultes: 'b',
			bonnes_pratiques: 'c',
			perspectives: 'd'
		};
		const form = validateBilanForm({ ...sections, institution: '' });
		const message = form.errors.find((e) => e.column === 'institution')!.message;
		expect(message).toContain('choisissez-la dans la liste');
		expect(message).not.toContain('<code>');
		const unknown = validateBilanForm({ ...sections, institution: 'mairie' }).errors[0].message;
		expect(unknown).toContain('dans la liste');
		expect(unknown).not.toContain('education_nationale');
		const file = validateBytes(
			'bilan',
			enc('## Faits marquants\na\n## Difficultés\nb\n## Bonnes pratiques\nc\n## Perspectives\nd\n')
		);
		expect(file.errors.find((e) => e.column === 'institution')!.message).toContain(
			'« Institution : <code> »'
		);
	});
	it('matches headings ignoring case and accents', () => {
		const text =
			'Institution : ccas\n## FAITS MARQUANTS\na\n## difficultes\nb\n## Bonnes Pratiques\nc\n##Perspectives\nd\n';
		expect(validateBytes('bilan', enc(text)).ok).toBe(true);
	});
});

describe('generated artifacts', () => {
	it('are up to date in static/contrat (run scripts/gen-contract-artifacts.ts)', () => {
		const dir = join(import.meta.dirname, '..', 'static', 'contrat');
		for (const [name, content] of Object.entries(contractArtifacts())) {
			expect(existsSync(join(dir, name)), name).toBe(true);
			expect(readFileSync(join(dir, name), 'utf8'), name).toBe(content);
		}
	});
	it('row builders are up to date (run scripts/gen-contract-artifacts.ts)', () => {
		const file = join(import.meta.dirname, 'generated', 'row-builders.ts');
		expect(readFileSync(file, 'utf8')).toBe(rowBuildersModule());
	});
	it('templates pass the validator', () => {
		const a = contractArtifacts();
		for (const kind of TABULAR_KINDS)
			expect(validateBytes(kind, enc(a[`modele-${kind}.csv`])).ok).toBe(true);
		expect(validateBytes('bilan', enc(a['modele-bilan.txt'])).ok).toBe(true);
	});
});

describe('command line', () => {
	const cli = (...args: string[]) => {
		try {
			const out = execFileSync('npx', ['tsx', 'scripts/validate.ts', ...args], {
				cwd: join(import.meta.dirname, '..'),
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe']
			});
			return { code: 0, out };
		} catch (e) {
			const err = e as { status: number; stdout: string; stderr: string };
			return { code: err.status, out: err.stdout, err: err.stderr };
		}
	};
	it('exits 0, 1 and 2 as the contract says', () => {
		const ok = cli('--kind', 'situations', join(FIX, 'situations-valid.csv'));
		expect(ok.code).toBe(0);
		expect(JSON.parse(ok.out)).toMatchObject({ ok: true, kind: 'situations', rows: 1, errors: [] });
		const dir = mkdtempSync(join(tmpdir(), 'contrat-'));
		writeFileSync(join(dir, 'big.csv'), 'x'.repeat(5000));
		for (const f of [
			'empty.csv',
			'classeur.xlsx.csv',
			'situations-unclosed.csv',
			'situations-header-only.csv',
			'situations-errors.csv'
		]) {
			const r = cli('--kind', 'situations', join(FIX, f));
			expect(r.code, f).toBe(1);
			expect(JSON.parse(r.out).ok).toBe(false);
		}
		const big = cli('--kind', 'situations', '--max-size', '1k', join(dir, 'big.csv'));
		expect(JSON.parse(big.out).errors[0].code).toBe('file.too_large');
		expect(cli('--kind', 'nope', join(FIX, 'empty.csv')).code).toBe(2);
		expect(cli('--kind', 'situations', join(dir, 'missing.csv')).code).toBe(2);
		const bad = cli('--kind', 'situations', '--frobnicate', join(FIX, 'empty.csv'));
		expect(bad.code).toBe(2);
		expect(bad.err).not.toMatch(/at .*\.ts:\d+/);
		const text = cli(
			'--kind',
			'situations',
			'--format',
			'text',
			join(FIX, 'situations-errors.csv')
		);
		expect(text.out).toMatch(/fichier refusé/);
	}, 60000);
});
