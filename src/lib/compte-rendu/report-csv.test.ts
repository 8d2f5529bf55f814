import { describe, expect, it } from 'vitest';
import { checkCompteRendu } from '$contracts/compte-rendu/check';
import { crReportCsv } from './report-csv';

describe('crReportCsv', () => {
	it('lists each finding with its place and rule, identifiers masked', () => {
		const blocks = [
			{ text: 'Kevin Durand : sa mère est hospitalisée.', where: 'paragraphe 1' },
			{ text: '=vol; "garde à vue"', where: 'ligne 2' }
		];
		const csv = crReportCsv(checkCompteRendu(blocks), blocks);
		const lines = csv.split('\r\n');
		expect(lines[0]).toBe('\uFEFFemplacement;règle;passage;message;que faire');
		expect(lines[1].startsWith('paragraphe 1;Donnée personnelle : le nom ou le prénom')).toBe(true);
		expect(csv).not.toContain('Kevin');
		expect(
			lines[2].startsWith('paragraphe 1;Au-delà de la solution : un détail sur la famille;sa mère;')
		).toBe(true);
		expect(
			lines[4].startsWith(
				'ligne 2;Au-delà de la solution : une infraction ou une procédure pénale;vol;'
			)
		).toBe(true);
		// a message quoting « "garde à vue" » is quoted and its quotes doubled
		expect(csv).toContain('garde à vue');
		expect(lines).toHaveLength(7);
	});
});
