// Entry of the test bench page: the DSFR styles the app uses for these elements, and the bench.
import '@gouvfr/dsfr/dist/core/core.min.css';
import '@gouvfr/dsfr/dist/component/button/button.min.css';
import { mount } from 'svelte';
import Bench from './Bench.svelte';

mount(Bench, { target: document.getElementById('banc')! });
