// The /contrat documentation page: rendered from the same field definitions as the validator.
import {
	BILAN_SECTIONS,
	INSTITUTIONS,
	KIND_LABELS,
	TABULAR_KINDS
} from '../../../data-contracts/codes';
import { FIELDS } from '../../../data-contracts/fields';
import { ACCEPTED_SPELLINGS } from '../../../data-contracts/normalize';
import { ACCEPTED_WORKBOOKS } from '../../../data-contracts/formats';

export const prerender = false;

export function load() {
	return {
		spellings: ACCEPTED_SPELLINGS,
		workbooks: ACCEPTED_WORKBOOKS,
		kinds: TABULAR_KINDS.map((kind) => ({
			kind,
			label: KIND_LABELS[kind],
			fields: FIELDS[kind].map((f) => ({
				name: f.name,
				label: f.label,
				required: f.required === true ? 'Oui' : f.required === false ? 'Non' : `Oui, ${f.required}`,
				description: f.description,
				example: f.example,
				codes: f.codes ? f.codes.map((c) => ({ code: c, label: f.labels?.[c] ?? c })) : []
			}))
		})),
		bilan: {
			label: KIND_LABELS.bilan,
			sections: BILAN_SECTIONS.codes.map((c) => BILAN_SECTIONS.labels[c]),
			institutions: INSTITUTIONS.codes.map((c) => ({ code: c, label: INSTITUTIONS.labels[c] }))
		}
	};
}
