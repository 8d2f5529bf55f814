// Shapes of the plenary page's data, shared by the server (which builds them) and the components.
import type { ChartSpec } from '$lib/charts/spec';
import type { Completeness } from '$lib/completeness';
import type { Filters, GroupUnit, IndicatorTable, KeyFigure, Selection } from './model';

export interface BilanPassage {
	/** null when the passage was withheld */
	text: string | null;
}

export interface BilanSectionView {
	key: string;
	label: string;
	passages: BilanPassage[];
}

export interface GroupBilan {
	groupId: string;
	institution: string;
	sections: BilanSectionView[];
	/** number of passages withheld after the scan */
	withheld: number;
}

export interface DrawnChart {
	spec: ChartSpec;
	/**
	 * server-rendered SVG markup; absent in the client-only baseline, and when the server keeps it
	 * aside for the HTML render (`PlenaryRequest.svgAside`, see `$lib/charts/served`)
	 */
	svg?: string;
}

export interface GroupView extends GroupUnit {
	instanceLabel: string;
	/** in no figure of the year: a period with 1 to k−1 situations */
	withheld: boolean;
	submitted: { kind: string; label: string; version: number }[];
	bilan: GroupBilan | null;
	/** YYYY-MM-DD of the first plenary session the group's bilan of the period was presented at */
	plenary: string | null;
}

/** A commune's page for a period whose figures are not published yet: no figure, the sentence. */
export interface UnpublishedView {
	commune: { code: string; nom: string };
	period: string;
	periodLabel: string;
	periods: { code: string; label: string }[];
	completeness: Completeness;
	/** « Les chiffres du 1er semestre 2026 seront publiés à la clôture de la collecte : … » */
	sentence: string;
}

export interface PlenaryPage {
	commune: { code: string; nom: string };
	period: string;
	periodLabel: string;
	periods: { code: string; label: string }[];
	/** the periods whose figures are shown (published): the trend, the filters and DuckDB's */
	published: { code: string; label: string }[];
	/** groups expected and transmitted for the period; provisional or complete */
	completeness: Completeness;
	/** the commune's published periods some expected groups were missing from (marked on the trend) */
	provisional: string[];
	previousPeriod: { code: string; label: string } | null;
	k: number;
	generatedAt: string;
	groups: GroupView[];
	instanceTypes: { code: string; label: string }[];
	figures: KeyFigure[];
	protocol: IndicatorTable[];
	/** QPV, examinations per situation, months to closure */
	profile: IndicatorTable[];
	filters: Filters;
	selection: Selection;
	/** charts that follow the filters */
	breakdowns: DrawnChart[];
	trend: DrawnChart;
	ageSex: DrawnChart;
	stats: { hidden: number; cells: number };
}

export interface ShareRow {
	code: string;
	label: string;
	/** groups active in the year (they sent a file for one of its periods) */
	groups: number;
	/** p / n, null when hidden (or no group) */
	share: number | null;
	status: 'published' | 'hidden';
}

export interface PlenaryShare {
	year: number;
	k: number;
	byType: ShareRow[];
	byTerritory: ShareRow[];
	total: ShareRow;
	/** the audit proved the published shares safe (false: every share hidden) */
	protectedOk: boolean;
}
