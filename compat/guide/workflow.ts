// The guide's "Workflow: Complete Sync Example", as written, except BATCH_DELAY (2000 ms -> 20 ms).
// Generated from the guide's text: keep it verbatim. Its mistake is kept on purpose: it reads
// `updated.speed_items_per_min` from supabase-js's { data, error } wrapper, see tests/workflow.test.ts.
import { supabase } from './client';
import { fetchWooCommerceCustomers, createOrUpdateCustomer } from './in-memory-source';

export async function syncWooCommerceCustomers(orgId: string, userId: string) {
  console.log('Starting WooCommerce customer sync...');

  // 1. Initialize progress tracking
  const syncId = `sync-woo-${Date.now()}`;
  const customers = await fetchWooCommerceCustomers();
  const BATCH_SIZE = 100;

  const progress = await supabase
    .from('sync_progress')
    .insert({
      org_id: orgId,
      sync_id: syncId,
      entity_type: 'customer',
      total_items: customers.length,
      initiated_by: userId,
      source_system: 'woocommerce'
    })
    .select()
    .single();

  console.log(`Syncing ${customers.length} customers`);

  let processedCount = 0;
  let failedCount = 0;
  const BATCH_DELAY = 20;  // ms between batches (the guide waits 2000 ms; shortened so the suite stays fast)

  // 2. Process in batches
  for (let i = 0; i < customers.length; i += BATCH_SIZE) {
    const batch = customers.slice(i, i + BATCH_SIZE);

    try {
      // Process each customer
      for (const customer of batch) {
        try {
          await createOrUpdateCustomer(orgId, customer);
          processedCount++;
        } catch (error) {
          console.error(`Failed to sync customer ${customer.id}:`, error.message);
          failedCount++;

          // Log individual error to activity log
          await supabase
            .from('sync_activity_log')
            .insert({
              org_id: orgId,
              sync_id: syncId,
              entity_type: 'customer',
              action: 'batch_process',
              status: 'completed_with_errors',
              record_count: 1,
              error_message: error.message,
              user_id: userId,
              created_at: new Date().toISOString()
            });
        }
      }

      // 3. Update progress (auto-calculates elapsed, speed, eta)
      const updated = await supabase
        .from('sync_progress')
        .update({
          processed_count: processedCount,
          failed_count: failedCount,
          current_item: processedCount + failedCount
        })
        .eq('org_id', orgId)
        .eq('sync_id', syncId)
        .select()
        .single();

      console.log(`Batch ${Math.ceil(i / BATCH_SIZE)}: ` +
        `${processedCount}/${customers.length} processed, ` +
        `${updated.speed_items_per_min.toFixed(1)} items/min, ` +
        `ETA: ${(updated.eta_seconds / 60).toFixed(1)} min`);

      // Delay between batches
      await new Promise(resolve => setTimeout(resolve, BATCH_DELAY));

    } catch (error) {
      console.error(`Batch processing error:`, error);
      failedCount += batch.length;

      await supabase
        .from('sync_progress')
        .update({
          failed_count: failedCount
        })
        .eq('org_id', orgId)
        .eq('sync_id', syncId);
    }
  }

  console.log(`Sync complete: ${processedCount} succeeded, ${failedCount} failed`);

  // 4. Trigger automatically logs completion to sync_activity_log
  // No manual logging needed - trigger handles it!

  return {
    syncId,
    processedCount,
    failedCount,
    status: failedCount === 0 ? 'completed' : 'completed_with_errors'
  };
}
