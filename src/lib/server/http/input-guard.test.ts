import { describe, expect, it } from 'vitest';
import { bodyProblem, refusalResponse, urlProblem } from './input-guard';

const post = (body: BodyInit | null, contentType?: string, path = '/beheer/regels') =>
	new Request(`http://localhost${path}`, { method: 'POST', body, headers: contentType ? { 'Content-Type': contentType } : {} });
const problemOf = (request: Request) => bodyProblem(request, new URL(request.url));

describe('input guard', () => {
	it('refuses a NUL in the path or the query string, and nothing else there', () => {
		expect(urlProblem(new URL('http://localhost/beheer/aanbieders/a%00b'))).toEqual({ status: 400, reason: 'nul' });
		expect(urlProblem(new URL('http://localhost/beheer/aanbieders?zoek=a%00b'))).toEqual({ status: 400, reason: 'nul' });
		expect(urlProblem(new URL('http://localhost/beheer/aanbieders?a%00=b'))).toEqual({ status: 400, reason: 'nul' });
		expect(urlProblem(new URL('http://localhost/beheer/aanbieders/%F0%9F%92%A9?zoek=%25x'))).toBeNull();
	});

	it('refuses a path that is not percent-encoded UTF-8', () => {
		for (const path of ['/api/v1/providers/%C0%AF', '/beheer/aanbieders/%ED%A0%80', '/x/%E2%82', '/x/%zz']) {
			expect(urlProblem(new URL(`http://localhost${path}`))).toEqual({ status: 400, reason: 'malformed_path' });
		}
	});

	it('lets readable forms through, URL-encoded and multipart, with files', async () => {
		expect(await problemOf(post(new URLSearchParams({ a: '1', b: 'ü' }), 'application/x-www-form-urlencoded'))).toBeNull();
		const form = new FormData();
		form.append('wave', '2027-Q1');
		form.append('file', new File([new Uint8Array([0, 1, 2])], 'antwoorden.csv'));
		expect(await problemOf(new Request('http://localhost/beheer/enquete/import', { method: 'POST', body: form }))).toBeNull();
	});

	it('refuses bodies that are not a readable form', async () => {
		expect(await problemOf(post('{"a":1}', 'application/json'))).toEqual({ status: 415, reason: 'content_type' });
		expect(await problemOf(post('a=1', 'text/plain'))).toEqual({ status: 415, reason: 'content_type' });
		// No body and no content type (a sign-out by a script): nothing to read, nothing to refuse.
		expect(await problemOf(post(null))).toBeNull();
		// An empty body of the wrong type is still the wrong type.
		expect(await problemOf(post(null, 'text/plain'))).toEqual({ status: 415, reason: 'content_type' });
		expect(await problemOf(post(null, 'application/x-www-form-urlencoded'))).toBeNull();
		expect(await problemOf(post('a=1', 'multipart/form-data'))).toEqual({ status: 400, reason: 'unreadable' });
		expect(await problemOf(post('--x\r\nbroken', 'multipart/form-data; boundary=x'))).toEqual({ status: 400, reason: 'unreadable' });
	});

	it('refuses a NUL in a field name, value or file name, and superforms JSON field', async () => {
		expect(await problemOf(post('a=x%00y', 'application/x-www-form-urlencoded'))).toEqual({ status: 400, reason: 'nul' });
		expect(await problemOf(post('a%00=x', 'application/x-www-form-urlencoded'))).toEqual({ status: 400, reason: 'nul' });
		const form = new FormData();
		form.append('file', new File(['x'], 'a\u0000.csv'));
		expect(await problemOf(new Request('http://localhost/beheer/enquete/import', { method: 'POST', body: form }))).toEqual({ status: 400, reason: 'nul' });
		expect(await problemOf(post('__superform_json=%5B%5D', 'application/x-www-form-urlencoded'))).toEqual({ status: 400, reason: 'superform_json' });
	});

	it('leaves reading requests and the API alone, and the body readable for the route', async () => {
		expect(await problemOf(new Request('http://localhost/plan', { method: 'GET' }))).toBeNull();
		expect(await problemOf(post('{"a":1}', 'application/json', '/api/v1/providers'))).toBeNull();
		const request = post(new URLSearchParams({ a: '1' }), 'application/x-www-form-urlencoded');
		expect(await problemOf(request)).toBeNull();
		expect((await request.formData()).get('a')).toBe('1');
	});
});

describe('refusal answer', () => {
	it('is a small page for a browser, with a strict CSP and no caching', async () => {
		const request = new Request('http://localhost/beheer/regels', { method: 'POST', headers: { Accept: 'text/html' } });
		const answer = refusalResponse(request, 400, 'De gegevens bevatten een <ongeldig> teken.');
		expect(answer.status).toBe(400);
		expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
		expect(answer.headers.get('cache-control')).toBe('no-store');
		const page = await answer.text();
		expect(page).toContain('<html lang="nl">');
		expect(page).toContain('De gegevens bevatten een &lt;ongeldig&gt; teken.');
		expect(page).not.toContain('<script');
	});

	it('says who may enter for 401 and 403, with a way to sign in', async () => {
		const request = new Request('http://localhost/beheer', { method: 'POST', headers: { Accept: 'text/html' } });
		expect(await refusalResponse(request, 401, 'Niet ingelogd').text()).toContain('href="/login"');
		expect(await refusalResponse(request, 403, 'Geen toegang').text()).toContain('href="/"');
	});

	it('is JSON for anything but a browser', async () => {
		const answer = refusalResponse(new Request('http://localhost/taal', { method: 'POST', headers: { Accept: 'application/json' } }), 415, 'Niet aangenomen');
		expect(answer.status).toBe(415);
		expect(await answer.json()).toEqual({ message: 'Niet aangenomen' });
	});
});
