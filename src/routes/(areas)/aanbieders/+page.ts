// The list page works without JavaScript (GET filter form, compare buttons are form posts), and
// rendering it is most of its cost: no hydration data and no JS bundle for it.
export const csr = false;
