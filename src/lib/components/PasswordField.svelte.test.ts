import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { useMount } from '../../../tests/helpers/components';
import PasswordField from './PasswordField.svelte';

const render = useMount();

describe('PasswordField', () => {
	it('keeps the id, name and attributes given, labelled, with its hint', () => {
		render(PasswordField, {
			id: 'next',
			name: 'next',
			label: 'Nouveau mot de passe',
			hint: '12 caractères au moins',
			autocomplete: 'new-password',
			minlength: 12,
			required: true
		});
		const input = document.querySelector<HTMLInputElement>('#next')!;
		expect(input.name).toBe('next');
		expect(input.type).toBe('password');
		expect(input.required).toBe(true);
		expect(input.getAttribute('minlength')).toBe('12');
		expect(input.getAttribute('autocomplete')).toBe('new-password');
		expect(input.classList.contains('fr-password__input')).toBe(true);
		const label = document.querySelector('label[for="next"]')!;
		expect(label.textContent).toContain('Nouveau mot de passe');
		expect(label.querySelector('.fr-hint-text')?.textContent).toBe('12 caractères au moins');
	});

	it('shows the password as text while « Afficher » is checked, and hides it again', () => {
		render(PasswordField, {
			id: 'password',
			name: 'password',
			label: 'Mot de passe',
			autocomplete: 'current-password'
		});
		const input = document.querySelector<HTMLInputElement>('#password')!;
		input.value = 'Glycine-Orage-2026';
		const show = document.querySelector<HTMLInputElement>('#password-afficher')!;
		expect(document.querySelector('label[for="password-afficher"]')?.textContent).toBe('Afficher');
		show.click();
		flushSync();
		expect(input.type).toBe('text');
		expect(input.value).toBe('Glycine-Orage-2026');
		show.click();
		flushSync();
		expect(input.type).toBe('password');
	});
});
