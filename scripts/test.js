// `npm test`: everything, in the order that fails fastest. Lint, types, unit and storage tests
// (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), Svelte components in happy-dom, then a
// build and the tests that run against it (authorization matrix, end-to-end in Chromium).
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const started = Date.now();
const results = path.join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

/** vitest arguments that also write a JSON summary, counted at the end. */
const vitest = (name, ...args) => [
	'run',
	...args,
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${path.join(results, `${name}.json`)}`
];

function totals() {
	let passed = 0;
	let failed = 0;
	for (const name of ['node', 'components', 'e2e']) {
		const file = path.join(results, `${name}.json`);
		if (!existsSync(file)) continue;
		const r = JSON.parse(readFileSync(file, 'utf8'));
		passed += r.numPassedTests;
		failed += r.numFailedTests;
	}
	return { passed, failed };
}

function step(title, cmd, args, env = {}) {
	console.log(`\n▶ ${title}`);
	const t = Date.now();
	const result = spawnSync(cmd, args, {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, ...env }
	});
	if (result.status !== 0) {
		console.error(`✖ ${title} a échoué (code ${result.status ?? result.signal})`);
		process.exit(result.status ?? 1);
	}
	console.log(`✔ ${title} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

function hasChromium() {
	if (process.env.CHROMIUM_PATH) return true;
	try {
		execFileSync('which', ['chromium'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

if (!process.env.TEST_DATABASE_URL) {
	console.log('TEST_DATABASE_URL absent : les tests de stockage tournent sur SQLite seulement.');
}
step('Synchronisation SvelteKit', bin('svelte-kit'), ['sync']);
step('Format (prettier)', bin('prettier'), ['--check', '.']);
step('Lint (eslint)', bin('eslint'), ['.']);
step('Types (svelte-check)', bin('svelte-check'), [
	'--tsconfig',
	'./tsconfig.json',
	'--fail-on-warnings'
]);
step('Tests unitaires et stockage', bin('vitest'), vitest('node', '--project', 'node'));
step('Composants (happy-dom)', bin('vitest'), vitest('components', '--project', 'components'));
step('Construction pour les tests', bin('vite'), ['build'], { BP_PRECOMPRESS: '0' });
if (hasChromium()) {
	step('Tests de bout en bout (Chromium)', bin('vitest'), vitest('e2e', '--project', 'e2e'));
} else if (process.env.CI) {
	console.error('✖ Chromium est introuvable : il est obligatoire en intégration continue.');
	process.exit(1);
} else {
	console.log(
		'\n⚠ Tests dans Chromium ignorés : Chromium introuvable (paquet `chromium` ou CHROMIUM_PATH).'
	);
	step(
		"Matrice d'autorisations (sans navigateur)",
		bin('vitest'),
		vitest('e2e', '--project', 'e2e', 'tests/authz')
	);
}
console.log(`\nTous les tests sont passés en ${((Date.now() - started) / 1000).toFixed(0)} s.`);
const { passed, failed } = totals();
console.log(`${passed} passed, ${failed} failed`);
