// Writes the contract's generated artifacts to static/contrat/ (served at /contrat/...) and the
// row builders to data-contracts/generated/row-builders.ts.
// `--lexicon` also regenerates data-contracts/pii/lexicon-data.ts (needs an-array-of-french-words).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractArtifacts } from '../data-contracts/artifacts';
import { rowBuildersModule } from '../data-contracts/row-source';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'static', 'contrat');
mkdirSync(dir, { recursive: true });
for (const [name, content] of Object.entries(contractArtifacts()))
	writeFileSync(join(dir, name), content);
process.stdout.write(`Artefacts du contrat écrits dans ${dir}\n`);
writeFileSync(join(root, 'data-contracts', 'generated', 'row-builders.ts'), rowBuildersModule());
process.stdout.write('Constructeurs de lignes régénérés.\n');
if (process.argv.includes('--lexicon')) {
	const { buildLexiconModule } = await import('./gen-pii-lexicon');
	writeFileSync(join(root, 'data-contracts', 'pii', 'lexicon-data.ts'), buildLexiconModule());
	process.stdout.write('Lexique des noms régénéré.\n');
}
