import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { compteRenduArtifacts, docxTemplate, odtTemplate } from './template';

describe('compte rendu templates', () => {
	it('are up to date in static/contrat (run scripts/gen-contract-artifacts.ts)', () => {
		const dir = join(import.meta.dirname, '..', '..', 'static', 'contrat');
		for (const [name, bytes] of Object.entries(compteRenduArtifacts())) {
			expect(existsSync(join(dir, name)), name).toBe(true);
			const committed = readFileSync(join(dir, name));
			expect(Buffer.compare(committed, Buffer.from(bytes)), name).toBe(0);
		}
	});

	it('are the same bytes on every run', () => {
		expect(Buffer.compare(Buffer.from(docxTemplate()), Buffer.from(docxTemplate()))).toBe(0);
		expect(Buffer.compare(Buffer.from(odtTemplate()), Buffer.from(odtTemplate()))).toBe(0);
	});

	it('are a Word package and an OpenDocument text, mimetype first and stored', () => {
		const docx = unzipSync(docxTemplate());
		expect(Object.keys(docx).sort()).toEqual([
			'[Content_Types].xml',
			'_rels/.rels',
			'word/_rels/document.xml.rels',
			'word/document.xml',
			'word/styles.xml'
		]);
		const odt = odtTemplate();
		// the first local header: stored (method 0), named "mimetype", its content right after
		expect(odt[8]).toBe(0);
		expect(strFromU8(odt.subarray(30, 38))).toBe('mimetype');
		expect(strFromU8(unzipSync(odt).mimetype)).toBe('application/vnd.oasis.opendocument.text');
		expect(strFromU8(unzipSync(odt)['content.xml'])).toContain('Institution pilote');
	});
});
