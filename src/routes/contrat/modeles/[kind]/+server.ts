// Downloadable templates generated from the contract: CSV (UTF-8 BOM, `;`) or the bilan text.
import { error } from '@sveltejs/kit';
import { bilanTemplate, csvTemplate } from '../../../../../data-contracts/artifacts';
import { TABULAR_KINDS, type TabularKind } from '../../../../../data-contracts/codes';

export function GET({ params }) {
	if (params.kind === 'bilan')
		return new Response(bilanTemplate(), {
			headers: {
				'content-type': 'text/plain; charset=utf-8',
				'content-disposition': 'attachment; filename="modele-bilan.txt"'
			}
		});
	if (!(TABULAR_KINDS as readonly string[]).includes(params.kind)) error(404, 'Modèle inconnu');
	return new Response(csvTemplate(params.kind as TabularKind), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="modele-${params.kind}.csv"`
		}
	});
}
