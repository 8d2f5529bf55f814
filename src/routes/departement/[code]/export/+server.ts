import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { assertDepartementAccess } from '$lib/server/auth/scopes';
import { campaignBoard, getCampaign, todayInParis } from '$lib/server/departement/campaigns';
import { boardFilters, boardTable, filterBoard } from '$lib/server/departement/board';
import { annualBilan, annualTables } from '$lib/server/departement/annual';
import {
	compareUnits,
	departementPeriods,
	departementRelease,
	meetingRows,
	periodCells
} from '$lib/server/departement/data';
import { trendPeriods } from '$contracts/period';
import { trendData } from '$lib/server/departement/compare-page';
import { trendUnits, untransmittedUnits } from '$lib/departement/compare';
import { landing, periodCompleteness } from '$lib/server/completeness';
import {
	compareFilters,
	compareTable,
	protocolTable,
	trendTable
} from '$lib/server/departement/tables';
import { exportResponse, type ExportFormat } from '$lib/server/exports/respond';
import type { ExportTable } from '$lib/server/exports/table';
import { unpublishedText } from '$lib/completeness';
import { isPeriodNotPublished } from '$lib/server/releases';
import { lettersBilan, lettersTable } from '$lib/server/letters/annual';

// Every table of the département pages as CSV or XLSX (audited as export.csv / export.xlsx); the
// figures of a period not published yet are never exported (409 with the sentence saying when).
export const GET: RequestHandler = async (event) => {
	try {
		return await exportTable(event);
	} catch (e) {
		if (isPeriodNotPublished(e)) error(409, unpublishedText(e.completeness));
		throw e;
	}
};

async function exportTable(event: Parameters<RequestHandler>[0]): Promise<Response> {
	const code = event.params.code;
	assertDepartementAccess(event, code);
	const db = event.locals.store.db;
	const q = event.url.searchParams;
	const format = q.get('format');
	if (format !== 'csv' && format !== 'xlsx') error(400, 'Format attendu : csv ou xlsx.');
	const table = q.get('table') ?? '';
	let out: ExportTable;
	let name: string;
	if (table === 'campagne') {
		const campaign = await getCampaign(db, code, q.get('campagne') ?? '');
		if (!campaign) error(404, 'Campagne introuvable.');
		const board = await campaignBoard(db, campaign, todayInParis());
		out = boardTable(campaign, board, filterBoard(board.entries, boardFilters(q)));
		name = `collecte-${code}-${campaign.period}`;
	} else if (table === 'comparer' || table === 'protocole' || table === 'tendances') {
		const periods = await departementPeriods(db, code);
		const f = compareFilters(q, periods, await landing(db, { departement: code }, periods));
		if (!f.period) error(404, 'Aucune donnée pour ce département.');
		const { release } = await departementRelease(db, code, f.period);
		const units = await compareUnits(db, release);
		const context = {
			completeness: await periodCompleteness(db, { departement: code }, f.period),
			missing: untransmittedUnits(release)
		};
		if (table === 'comparer') out = compareTable(periodCells(release), units, f, context);
		else if (table === 'protocole')
			out = protocolTable(periodCells(release), meetingRows(release), units, f, context);
		else {
			const tp = trendPeriods(periods, f.period);
			const trend = await trendData(db, code, tp);
			out = trendTable(trend.cells, units, f.indicator, trendUnits(units, f.reference), tp, trend);
		}
		name = `${table}-${code}-${f.period}`;
	} else if (table.startsWith('bilan-')) {
		const year = Number(q.get('annee'));
		const periods = await departementPeriods(db, code);
		if (!Number.isInteger(year) || !periods.some((p) => p.startsWith(String(year))))
			error(404, 'Année sans données.');
		const bilan = await annualBilan(db, code, year);
		const tables = annualTables(bilan);
		const found =
			table === 'bilan-lettres'
				? lettersTable(await lettersBilan(db, code, year), bilan.scopeLabel)
				: tables[table.slice(6) as keyof typeof tables];
		if (!found) error(400, 'Tableau inconnu.');
		out = found;
		name = `${table}-${code}-${year}`;
	} else error(400, 'Tableau inconnu.');
	return exportResponse(event, out, format as ExportFormat, name, {
		departement: code,
		query: Object.fromEntries(q)
	});
}
