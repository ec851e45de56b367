# markdown
