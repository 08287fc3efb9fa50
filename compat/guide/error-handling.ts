// The guide's "Error Handling Best Practices" and "Troubleshooting" code, as written (functions exported; the
// troubleshooting RPC snippet wrapped in a function so that it can be called).
import { supabase } from './client';

// ### Handle RLS Errors
export async function syncWithErrorHandling(orgId: string) {
  try {
    const { data, error } = await supabase
      .from('sync_progress')
      .select('*')
      .eq('org_id', orgId);

    if (error?.code === 'PGRST100') {
      // Row-level security error - user not in org
      throw new Error('Access denied - you are not a member of this organization');
    }

    if (error) throw error;
    return data;

  } catch (error) {
    console.error('Sync error:', error.message);
    // Report to error tracking (Sentry, etc)
  }
}

// ### Handle Validation Errors
export async function updateProgressSafely(
  orgId: string,
  syncId: string,
  processed: number,
  failed: number,
  total: number
) {
  // Validation: ensure counts don't exceed total
  if (processed + failed > total) {
    throw new Error(
      `Invalid counts: ${processed} + ${failed} > ${total}`
    );
  }

  try {
    const { data, error } = await supabase
      .from('sync_progress')
      .update({
        processed_count: processed,
        failed_count: failed
      })
      .eq('org_id', orgId)
      .eq('sync_id', syncId)
      .select()
      .single();

    if (error) throw error;
    return data;

  } catch (error) {
    if (error.message.includes('violates check constraint')) {
      console.error('Progress validation failed', { processed, failed, total });
      // Handle as data quality issue
    }
    throw error;
  }
}

// ### RLS Policy Denying Access: debug helper
export async function debugRLS(userId: string) {
  const { data } = await supabase
    .from('auth.users_extended')
    .select('id, org_id')
    .eq('id', userId)
    .single();

  console.log('User org_id:', data?.org_id);
  // Must match the org_id of the record you're trying to access
  return data;
}

// ### Preview Cache Not Expiring: manual cleanup
export async function manualCleanup() {
  // Manual cleanup
  const result = await supabase.rpc('auto_cleanup_preview_cache');
  console.log(`Deleted ${result.data.deleted_count} expired caches`);
  return result;
}
