// The columns the preview's queries read (`preview.ts`), per kind: the validation worker sends
// DuckDB only these — a reference or a free comment per row would cost the most to load and
// serves no chart.
import type { TabularKind } from '$contracts/codes';
import { normalizedColumns, type ColumnSpec } from '$contracts/validate';

export const PREVIEW_COLUMNS: Record<TabularKind, readonly string[]> = {
	situations: [
		'problematique',
		'tranche_age',
		'sexe',
		'institution_pilote',
		'strategie',
		'evaluation',
		'information_interesse',
		'accord',
		'transmission_hors_groupe'
	],
	seances: ['ordre_du_jour_prealable', 'compte_rendu', 'evaluation_strategies_precedentes'],
	incidents: ['sens', 'suite']
};

/** The kind's normalized columns kept for the preview, in contract order. */
export function previewColumns(kind: TabularKind): ColumnSpec[] {
	return normalizedColumns(kind).filter((c) => PREVIEW_COLUMNS[kind].includes(c.name));
}
