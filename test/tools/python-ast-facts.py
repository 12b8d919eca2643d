"""Test oracle: prints, as JSON, the imports and function definitions CPython's `ast` finds in each file.

Usage: python3 python-ast-facts.py FILE...  ->  {"FILE": {"imports": [[line, module, level, kind]],
"functions": [[line, name]]}} or {"FILE": {"error": "..."}} for a file CPython cannot parse.

Lines are those of the module name (not of the statement), so they compare with the analyzer's spans
even for statements continued over several lines; they are found with `tokenize`, never by pattern.
"""
import ast
import io
import json
import sys
import tokenize


def char_column(line: str, byte_offset: int) -> int:
    """ast column offsets count UTF-8 bytes; tokenize columns count characters."""
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8", errors="replace"))


def facts(path: str) -> dict:
    with open(path, "rb") as handle:
        source = handle.read().decode("utf-8-sig")
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as error:
        return {"error": f"{error.msg} (line {error.lineno})"}
    lines = source.split("\n")
    tokens = [
        token
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type not in (tokenize.NL, tokenize.COMMENT, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
    ]
    index = {token.start: i for i, token in enumerate(tokens)}

    def token_after(node: ast.AST) -> int:
        position = (node.lineno, char_column(lines[node.lineno - 1], node.col_offset))
        return index[position]

    imports = []
    functions = []
    importers = {"__import__"}
    importlib_names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            i = token_after(node) + 1  # the token after `import`
            for alias in node.names:
                imports.append([tokens[i].start[0], alias.name, 0, "import"])
                while i + 1 < len(tokens) and tokens[i].string != ",":
                    i += 1
                i += 1
                if alias.name == "importlib":
                    importlib_names.add(alias.asname or "importlib")
        elif isinstance(node, ast.ImportFrom):
            i = token_after(node) + 1  # the token after `from`
            if node.module is not None:
                while tokens[i].type == tokenize.OP and tokens[i].string in (".", "..."):
                    i += 1
            imports.append([tokens[i].start[0], node.module or "", node.level, "from"])
            if node.module == "importlib" and node.level == 0:
                for alias in node.names:
                    if alias.name == "import_module":
                        importers.add(alias.asname or alias.name)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            i = token_after(node)
            while tokens[i].string != "def":
                i += 1
            functions.append([tokens[i + 1].start[0], node.name])
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        is_importer = (isinstance(func, ast.Name) and func.id in importers) or (
            isinstance(func, ast.Attribute)
            and func.attr == "import_module"
            and isinstance(func.value, ast.Name)
            and func.value.id in importlib_names
        )
        if not is_importer:
            continue
        argument = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "name"), None)
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str) and argument.value:
            level = len(argument.value) - len(argument.value.lstrip("."))
            imports.append([argument.lineno, argument.value[level:], level, "dynamic"])
    return {"imports": imports, "functions": functions}


def facts_or_error(path: str) -> dict:
    try:
        return facts(path)
    except (OSError, ValueError, tokenize.TokenError) as error:  # undecodable or untokenizable: not comparable
        return {"error": f"{type(error).__name__}: {error}"}


def main() -> None:
    print(json.dumps({path: facts_or_error(path) for path in sys.argv[1:]}))


if __name__ == "__main__":
    main()
