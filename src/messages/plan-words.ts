const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** A plan's price as people read it: "$45.00 / month", "$10.00 once", "$45.00" (how often unknown), "price not set". */
export function planPriceWords(plan: { price: number | null; monthly: boolean | null }): string {
  if (plan.price === null || !Number.isFinite(plan.price)) return 'price not set';
  const amount = dollars.format(plan.price);
  if (plan.monthly === true) return `${amount} / month`;
  if (plan.monthly === false) return `${amount} once`;
  return amount;
}

/** "Unlimited Plus · $45.00 / month". */
export function planLabel(plan: { name: string; price: number | null; monthly: boolean | null }): string {
  return `${plan.name} · ${planPriceWords(plan)}`;
}
