// Excel template of a tabular kind, generated from the contract (drop-down lists, « Codes » sheet,
// notes), built once per kind and process: the same bytes as static/contrat/modele-<kind>.xlsx.
import { error } from '@sveltejs/kit';
import { TABULAR_KINDS, type TabularKind } from '$contracts/codes';
import { xlsxTemplate } from '$contracts/xlsx-template';
import { XLSX_TYPE, safeFilename } from '$lib/server/exports/respond';

const built = new Map<TabularKind, Promise<Uint8Array>>();

export async function GET({ params }) {
	if (!(TABULAR_KINDS as readonly string[]).includes(params.kind)) error(404, 'Modèle inconnu');
	const kind = params.kind as TabularKind;
	let bytes = built.get(kind);
	if (!bytes) {
		bytes = xlsxTemplate(kind);
		built.set(kind, bytes);
		bytes.catch(() => built.delete(kind));
	}
	return new Response((await bytes) as BodyInit, {
		headers: {
			'content-type': XLSX_TYPE,
			'content-disposition': `attachment; filename="${safeFilename(`modele-${kind}`)}.xlsx"`,
			'x-content-type-options': 'nosniff'
		}
	});
}
