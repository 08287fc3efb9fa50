// The workflow's `fetchWooCommerceCustomers()` and `createOrUpdateCustomer()`, which the guide leaves undefined:
// a small in-memory store whose customers listed in `failing` throw, as a bad record would.
export type Customer = { id: number; email: string };

export const source = {
  customers: [] as Customer[],
  failing: new Set<number>(),
  written: [] as Customer[],
};

export function resetSource(count: number, failing: number[] = []) {
  source.customers = Array.from({ length: count }, (_, i) => ({ id: i + 1, email: `c${i + 1}@example.com` }));
  source.failing = new Set(failing);
  source.written = [];
}

export async function fetchWooCommerceCustomers(): Promise<Customer[]> {
  return source.customers;
}

export async function createOrUpdateCustomer(_orgId: string, customer: Customer): Promise<void> {
  if (source.failing.has(customer.id)) {
    throw new Error(`customer ${customer.id}: email rejected by the app`);
  }
  source.written.push(customer);
}
