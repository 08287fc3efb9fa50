-- Which Odoo API a connection speaks (issue 10): null detects it from GET /web/version (JSON-2 on Odoo 19+, JSON-RPC
-- before); 'jsonrpc' or 'json2' forces one (a proxy hiding /web/version, or JSON-RPC kept on purpose until Odoo 22).
alter table public.connections add column odoo_protocol text;
alter table public.connections add constraint connections_odoo_protocol_check
    check (odoo_protocol is null or (source_system = 'odoo' and odoo_protocol in ('jsonrpc', 'json2')));
-- Members read it like the connection's other non-secret columns (0020 grants column by column).
grant select (odoo_protocol) on public.connections to authenticated;
