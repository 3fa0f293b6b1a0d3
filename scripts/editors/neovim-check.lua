-- Neovim's own LSP client (0.7 and later) against grounded-language-server, headless: the sample
-- draft's diagnostics, a hover, a quote completion, and a quick fix through
-- workspace/executeCommand and the server's versioned workspace/applyEdit. Prints what it got.
--
--   npm run build && mkdir -p /tmp/ws && cp -r seeds examples /tmp/ws/
--   cd /tmp/ws && GROUNDED_SERVER=$OLDPWD/dist/server.js nvim --headless -u NONE -c "luafile $OLDPWD/scripts/editors/neovim-check.lua"
local out = {}
local function say(s) table.insert(out, s) end
local root = vim.fn.getcwd()
local id = vim.lsp.start_client({
  name = 'grounded',
  cmd = { 'node', os.getenv('GROUNDED_SERVER') or 'grounded-language-server', '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'ws' } },
})
vim.cmd('filetype on')
vim.cmd('edit examples/draft.md')
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = 'markdown'
vim.lsp.buf_attach_client(buf, id)
local ok = vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
local diags = vim.diagnostic.get(buf)
say('diagnostics: ' .. #diags)
local misquote
for _, d in ipairs(diags) do
  if d.user_data and d.user_data.lsp and d.user_data.lsp.code == 'misquote' then misquote = d end
end
say('misquote: ' .. (misquote and misquote.message or 'none'))
-- hover over the first citation key
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local row, col
for i, l in ipairs(lines) do
  local c = l:find('@000_')
  if c then row, col = i - 1, c + 2 break end
end
local client = vim.lsp.get_client_by_id(id)
local res = client.request_sync('textDocument/hover', { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = row, character = col } }, 20000, buf)
local value = res and res.result and res.result.contents and res.result.contents.value or 'no hover'
say('hover: ' .. value:gsub('\n', ' '):sub(1, 160))
-- a quote completion on a new last line
local n = vim.api.nvim_buf_line_count(buf)
vim.api.nvim_buf_set_lines(buf, n, n, false, { 'The rebel official said "we will not give' })
local line = vim.api.nvim_buf_get_lines(buf, n, n + 1, false)[1]
res = client.request_sync('textDocument/completion', { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = n, character = #line } }, 20000, buf)
local items = res and res.result and (res.result.items or res.result) or {}
local first = items[1]
say('completion: ' .. #items .. ' items; first inserts: ' .. (first and first.textEdit and first.textEdit.newText or first and first.insertText or 'none'))
-- the quick fix for the misquote: the code action's command, run by the server, which sends a versioned edit
if misquote then
  local d
  for _, x in ipairs(vim.lsp.diagnostic.get_line_diagnostics(buf, misquote.lnum)) do if x.code == 'misquote' then d = x end end
  res = client.request_sync('textDocument/codeAction', { textDocument = { uri = vim.uri_from_bufnr(buf) }, range = d.range, context = { diagnostics = { d }, only = { 'quickfix' } } }, 20000, buf)
  local fix
  for _, a in ipairs(res and res.result or {}) do
    if a.title:find("source's wording", 1, true) then fix = a end
  end
  local titles = {}
  for _, a in ipairs(res and res.result or {}) do table.insert(titles, a.title) end
  say('actions: ' .. table.concat(titles, ' | '))
  say('fix: ' .. (fix and fix.title or 'none'))
  if fix then
    res = client.request_sync('workspace/executeCommand', fix.command, 20000, buf)
    say('applied: ' .. tostring(res and res.result))
    local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
    say('draft now has the source wording: ' .. tostring(text:find('to the Russians"', 1, true) ~= nil))
  end
end
io.stdout:write(table.concat(out, '\n') .. '\n')
vim.cmd('qa!')
