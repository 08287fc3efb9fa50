// The guide's "Quick Reference" sections 1-5, as written. Only the framing differs: `supabase` comes from ./client
// (the guide's Environment Setup), the functions are exported, and section 4's undefined `hashInputs`/`filterParams`
// are defined below.
import { createHash } from 'node:crypto';
import { supabase } from './client';

// Section 4 calls hashInputs({ syncType, ...filterParams }) without defining either.
export let filterParams: Record<string, unknown> = { status: 'any' };
export function setFilterParams(params: Record<string, unknown>) { filterParams = params; }
export function hashInputs(inputs: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

// ### 1. Start a Sync Job
export async function startSync(orgId: string, userId: string) {
  const syncId = `sync-woo-${Date.now()}`;

  const { data, error } = await supabase
    .from('sync_progress')
    .insert({
      org_id: orgId,
      sync_id: syncId,
      entity_type: 'customer',
      total_items: 5000,
      initiated_by: userId,
      source_system: 'woocommerce'
    })
    .select();

  if (error) throw error;
  return syncId;
}

// ### 2. Update Progress During Sync
export async function updateSyncProgress(
  orgId: string,
  syncId: string,
  processedCount: number,
  failedCount: number = 0
) {
  const { data, error } = await supabase
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

  if (error) throw error;

  // Auto-calculated fields available:
  // - elapsed_seconds
  // - speed_items_per_min
  // - eta_seconds
  // - completed_at (if finished)

  return data;
}

// ### 3. Get Live Progress for Dashboard
export async function getLiveProgress(orgId: string) {
  const { data, error } = await supabase
    .from('sync_progress')
    .select('*')
    .eq('org_id', orgId)
    .is('completed_at', null)  // Only active syncs
    .order('updated_at', { ascending: false });

  if (error) throw error;
  return data;
}

// ### 4. Cache Preview Delta (1-hour TTL)
export async function cachePreviewDelta(
  orgId: string,
  syncType: 'woocommerce' | 'odoo',
  deltaData: any,
  userId: string
) {
  const cacheKey = hashInputs({ syncType, ...filterParams });

  const { data, error } = await supabase
    .from('sync_preview_cache')
    .insert({
      org_id: orgId,
      sync_type: syncType,
      delta_json: deltaData,
      computed_by: userId,
      cache_key: cacheKey,
      expires_at: new Date(Date.now() + 60 * 60 * 1000)  // 1 hour
    })
    .select();

  if (error) throw error;
  return data;
}

// Later: retrieve from cache
export async function getPreviewDelta(cacheKey: string) {
  const { data, error } = await supabase
    .from('sync_preview_cache')
    .select('delta_json')
    .eq('cache_key', cacheKey)
    .gt('expires_at', new Date().toISOString())  // Not expired
    .single();

  if (error && error.code !== 'PGRST116') throw error;  // PGRST116 = no rows
  return data?.delta_json || null;
}

// ### 5. Query Sync Audit Trail
// Get all activity for an organization
export async function getOrgActivity(
  orgId: string,
  days: number = 7
) {
  const { data, error } = await supabase
    .from('sync_activity_log')
    .select('*')
    .eq('org_id', orgId)
    .gt('created_at', new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString())
    .order('created_at', { ascending: false })
    .limit(1000);

  if (error) throw error;
  return data;
}

// Get failed syncs only
export async function getFailedSyncs(orgId: string, days: number = 30) {
  const { data, error } = await supabase
    .from('sync_activity_log')
    .select('*')
    .eq('org_id', orgId)
    .in('status', ['failed', 'completed_with_errors', 'timeout'])
    .gt('created_at', new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString())
    .order('created_at', { ascending: false });

  if (error) throw error;
  return data;
}

// Get activity by user
export async function getUserActivity(orgId: string, userId: string) {
  const { data, error } = await supabase
    .from('sync_activity_log')
    .select('*')
    .eq('org_id', orgId)
    .eq('user_id', userId)
    .order('created_at', { ascending: false })
    .limit(100);

  if (error) throw error;
  return data;
}
