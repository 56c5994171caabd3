-- sqlsage for Neovim 0.11+: with editors/nvim on the runtimepath,
-- vim.lsp.enable("sqlsage") finds this configuration by its file name.
return {
  cmd = { "sqlsage", "serve" },
  filetypes = { "sql", "pgsql" },
  root_markers = { ".sqlsage.toml", ".git" },
}
