# content
