import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { periodLabel, trendPeriods } from '$contracts/period';
import { INDICATORS, SIZE_CLASSES } from '$lib/departement/compare';
import { assertDepartementAccess } from '$lib/server/auth/scopes';
import { comparePage, compareTrend } from '$lib/server/departement/compare-page';
import { departementPeriods } from '$lib/server/departement/data';
import { compareFilters } from '$lib/server/departement/tables';
import { landingPeriod, periodChoiceLabel, unpublishedText } from '$lib/completeness';
import { completenessOf } from '$lib/server/completeness';
import { isPeriodNotPublished, isReleaseRefused } from '$lib/server/releases';

export const load = (async (event) => {
	const code = event.params.code;
	assertDepartementAccess(event, code);
	const db = event.locals.store.db;
	const periods = await departementPeriods(db, code);
	// Without a period in the URL: the last published one, never a collection still under way.
	const complete = await completenessOf(db, { departement: code }, periods);
	const filters = compareFilters(
		event.url.searchParams,
		periods,
		landingPeriod(periods, (p) => complete.get(p)!)
	);
	if (!filters.period) error(404, 'Aucune donnée pour ce département.');
	const choices = periods.map((p) => ({
		code: p,
		label: periodChoiceLabel(periodLabel(p), complete.get(p))
	}));
	let page;
	try {
		page = await comparePage(db, code, filters);
	} catch (e) {
		if (isReleaseRefused(e)) error(409, e.message);
		// not published yet: the sentence saying when, never a figure
		if (isPeriodNotPublished(e))
			return {
				unpublished: { sentence: unpublishedText(e.completeness) },
				filters,
				periods: choices
			};
		throw e;
	}
	const epcis = [...new Map(page.units.map((u) => [u.epci, u.epciLabel])).entries()]
		.map(([id, label]) => ({ id, label }))
		.sort((a, b) => a.label.localeCompare(b.label, 'fr'));
	const arrondissements = [
		...new Map(page.units.map((u) => [u.arrondissement, u.arrondissementLabel])).entries()
	]
		.map(([id, label]) => ({ id, label }))
		.sort((a, b) => a.label.localeCompare(b.label, 'fr'));
	return {
		unpublished: null,
		filters,
		periods: choices,
		trendPeriods: trendPeriods(periods, filters.period),
		// Categories the release regrouped as rare have no cell of their own: not offered.
		indicators: INDICATORS.filter(
			(i) =>
				i.id === filters.indicator || !(page.release.recoded[i.variable] ?? []).includes(i.code)
		).map((i) => ({ id: i.id, label: i.label })),
		sizeClasses: SIZE_CLASSES.map((c) => ({ id: c.id, label: c.label })),
		epcis,
		arrondissements,
		...page,
		// Streamed: the other periods' releases may take a few seconds the first time.
		trend: compareTrend(db, code, periods, page.units, filters, page.release.k)
	};
}) satisfies PageServerLoad;
