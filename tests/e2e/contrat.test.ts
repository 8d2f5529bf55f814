import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, ROOT, type RunningServer } from '../helpers/server';
import { TABULAR_KINDS } from '../../data-contracts/codes';

describe('contract page templates', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startServer();
	}, 120_000);
	afterAll(async () => {
		await server?.stop();
	});

	it('links each kind’s Excel template and serves the generated workbook to anyone', async () => {
		const html = await (await fetch(server.url + '/contrat')).text();
		expect(html).toContain('se dépose tel quel');
		expect(html).toContain('LibreOffice (.ods)');
		expect(html).not.toContain('n’accepte que le CSV');
		for (const kind of TABULAR_KINDS) {
			expect(html).toContain(`href="/contrat/modeles/${kind}/excel"`);
			const r = await fetch(`${server.url}/contrat/modeles/${kind}/excel`);
			expect(r.status).toBe(200);
			expect(r.headers.get('content-type')).toBe(
				'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
			);
			expect(r.headers.get('content-disposition')).toBe(
				`attachment; filename="modele-${kind}.xlsx"`
			);
			const served = Buffer.from(await r.arrayBuffer());
			const committed = readFileSync(path.join(ROOT, 'static', 'contrat', `modele-${kind}.xlsx`));
			expect(Buffer.compare(served, committed)).toBe(0);
		}
		const unknown = await fetch(`${server.url}/contrat/modeles/bilan/excel`);
		expect(unknown.status).toBe(404);
	});

	it('answers an unknown page with the site’s French error page', async () => {
		const r = await fetch(`${server.url}/contrat/nulle-part`, { headers: { accept: 'text/html' } });
		expect(r.status).toBe(404);
		const html = await r.text();
		expect(html).toContain('<h1>Page introuvable</h1>');
		expect(html).toContain('La page que vous cherchez n’existe pas');
		expect(html).toContain('href="#navigation-principale"');
	});
});
