// Writes the row builders to data-contracts/generated/row-builders.ts, then the contract's
// generated artifacts, Excel templates and the compte rendu templates (DOCX, ODT) included, to
// static/contrat/ (served at /contrat/...). The builders come first and the artifacts are
// imported after: the validator they load needs them.
// `--lexicon` also regenerates data-contracts/pii/lexicon-data.ts (needs an-array-of-french-words).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rowBuildersModule } from '../data-contracts/row-source';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'data-contracts', 'generated'), { recursive: true });
writeFileSync(join(root, 'data-contracts', 'generated', 'row-builders.ts'), rowBuildersModule());
process.stdout.write('Constructeurs de lignes régénérés.\n');
const { contractArtifacts } = await import('../data-contracts/artifacts');
const dir = join(root, 'static', 'contrat');
mkdirSync(dir, { recursive: true });
for (const [name, content] of Object.entries(contractArtifacts()))
	writeFileSync(join(dir, name), content);
const { xlsxArtifacts } = await import('../data-contracts/xlsx-template');
for (const [name, content] of Object.entries(await xlsxArtifacts()))
	writeFileSync(join(dir, name), content);
const { compteRenduArtifacts } = await import('../data-contracts/compte-rendu/template');
for (const [name, content] of Object.entries(compteRenduArtifacts()))
	writeFileSync(join(dir, name), content);
process.stdout.write(`Artefacts du contrat écrits dans ${dir}\n`);
if (process.argv.includes('--lexicon')) {
	const { buildLexiconModule } = await import('./gen-pii-lexicon');
	writeFileSync(join(root, 'data-contracts', 'pii', 'lexicon-data.ts'), buildLexiconModule());
	process.stdout.write('Lexique des noms régénéré.\n');
}
