# -*- coding: utf-8 -*-
"""Compiles and runs agent code the way Plex's loader does.

Compile time: the rules of Plex's restricted compiler, shared with the code gate (plex_gate.py), so the box refuses
what Plex refuses with Plex's message: `SyntaxError: Line N: <message>` for the first refusal of a file.
Run time: only the builtins Plex's sandbox provides, augmented operators other than `+=` on a name raising
`FrameworkException: Operator '-=' is not supported`, and iteration through `x.__iter__()` (a str fails as in Plex).
"""
import __builtin__
import ast
import binascii
import exceptions
import operator

import plex_gate

STANDARD = plex_gate.STANDARD
ELEVATED = plex_gate.ELEVATED
ROLE_INIT = plex_gate.ROLE_INIT
ROLE_MODULE = plex_gate.ROLE_MODULE

# The builtins Plex's sandbox gives agent code (RestrictedPython's safe builtins); exceptions are added below.
SAFE_BUILTIN_NAMES = ['False', 'None', 'True', 'abs', 'basestring', 'bool', 'callable', 'chr', 'cmp', 'complex',
                      'divmod', 'float', 'hash', 'hex', 'id', 'int', 'isinstance', 'issubclass', 'len', 'long',
                      'oct', 'ord', 'pow', 'range', 'repr', 'round', 'str', 'tuple', 'unichr', 'unicode', 'xrange',
                      'zip']
# Names the Framework puts in every plug-in's globals (not builtins).
ENVIRONMENT_NAMES = ['object', 'set', 'str', 'unicode', 'min', 'max', 'xrange', 'list', 'dict', 'staticmethod',
                     'classmethod', 'property', 'sorted', 'reversed', 'reduce', 'filter', 'map', 'enumerate']
ELEVATED_NAMES = ['hasattr', 'getattr', 'setattr', 'dir', 'type']

# Iteration as Plex's _getiter_ does it: through x.__iter__(). A C callable, so no sandbox frame shows in tracebacks.
GET_ITER = operator.methodcaller('__iter__')
ITER_NAME = '__plexbox_getiter__'
EXCEPTION_NAME = '__plexbox_framework_exception__'


class FrameworkException(Exception):
    pass


FrameworkException.__module__ = 'Framework.exceptions'


def guarded_attribute_write(*args):
    raise TypeError('attribute-less object (assign or del)')


def sandbox_import(name, globals=None, locals=None, fromlist=None, level=-1):
    """The plug-in's __import__. A Python function on purpose: a module imported for the first time takes the
    builtins of the frame importing it, and this frame has the real ones (as the Framework's own importer does),
    so the standard library and bundled libraries never run with the plug-in's restricted builtins.
    The Framework's own start-up has imported `logging.handlers` before any plug-in code runs, so under Plex a bare
    `import logging` already carries `logging.handlers`; the box imports it with the standard library's `logging`
    (not at start-up, where it would hide an agent's own logging.py)."""
    module = __builtin__.__import__(name, globals, locals, fromlist, level)
    if name == 'logging' and not getattr(module, '__plexbox_code__', False):
        __builtin__.__import__('logging.handlers')
    return module


def plex_super(*args):
    return super(*args)


def builtins_for(policy, importer):
    builtins = {}
    for name in SAFE_BUILTIN_NAMES:
        builtins[name] = getattr(__builtin__, name)
    for name in dir(exceptions):
        if not name.startswith('_'):
            builtins[name] = getattr(exceptions, name)
    builtins['__import__'] = importer
    builtins['setattr'] = setattr if policy == ELEVATED else guarded_attribute_write
    builtins['delattr'] = guarded_attribute_write
    builtins[ITER_NAME] = GET_ITER
    builtins[EXCEPTION_NAME] = FrameworkException
    return builtins


def environment_for(policy, importer):
    """The globals every module of the plug-in starts with (the API kits are added by the host)."""
    env = {'__builtins__': builtins_for(policy, importer), '__name__': '__code__',
           'FrameworkException': FrameworkException, 'hexlify': binascii.hexlify, 'unhexlify': binascii.unhexlify}
    for name in ENVIRONMENT_NAMES:
        env[name] = getattr(__builtin__, name)
    if policy == ELEVATED:
        for name in ELEVATED_NAMES:
            env[name] = getattr(__builtin__, name)
        env['super'] = plex_super
    return env


UNREACHABLE_HANDLER = "default 'except:' must be last"


def without_unreachable_handlers(source):
    """The source with the handlers that follow a bare `except:` blanked out (line numbers kept), or None.

    Plex compiles agent code with Python 2's `compiler` package, which accepts `except` clauses after a bare
    `except:` (they can never run); CPython's own parser refuses them. Blanking exactly those clauses gives the
    code Plex runs, so such a bundle loads in the box as it loads in Plex.
    """
    import compiler
    from compiler import ast as old_ast
    try:
        tree = compiler.parse(source)
    except SyntaxError:
        return None
    lines = source.splitlines(True)
    blanked = set()

    def indent(text):
        return len(text) - len(text.lstrip(' \t'))

    def blank_clause(body):
        statements = getattr(body, 'nodes', None) or [body]
        first = min(n.lineno for n in statements if getattr(n, 'lineno', None)) - 1
        start = first
        while start >= 0 and not lines[start].lstrip().startswith('except'):
            start -= 1
        if start < 0:
            return
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or indent(lines[end]) > indent(lines[start])):
            end += 1
        blanked.update(range(start, end))

    def walk(node):
        if isinstance(node, old_ast.TryExcept):
            bare_seen = False
            for kind, target, body in node.handlers:
                if bare_seen:
                    blank_clause(body)
                bare_seen = bare_seen or kind is None
        for child in node.getChildNodes():
            walk(child)

    walk(tree)
    if not blanked:
        return None
    return ''.join('\n' if i in blanked else line for i, line in enumerate(lines))


def compile_restricted(source, filename, role, policy):
    """Compiles like Plex: the first load-time refusal raises; the run-time rules are woven into the code."""
    if source.startswith('\xef\xbb\xbf'):
        source = source[3:]
    try:
        return compile_checked(source, filename, role, policy)
    except SyntaxError as e:
        repaired = without_unreachable_handlers(source) if UNREACHABLE_HANDLER in str(e) else None
        if repaired is None:
            raise
        return compile_checked(repaired, filename, role, policy)


def compile_checked(source, filename, role, policy):
    tree = compile(source, filename, 'exec', ast.PyCF_ONLY_AST, True)
    lines = source.splitlines()
    for finding in plex_gate.Linter(lines, role, policy).run(tree):
        if finding['severity'] != plex_gate.LOAD:
            continue
        if finding['rule'] == plex_gate.RULE_TUPLE_PARAMETER:
            # Plex's compiler itself crashes on tuple parameters.
            raise AttributeError("'tuple' object has no attribute 'startswith'")
        raise SyntaxError('Line %d: %s' % (finding['line'], finding['message']))
    RuntimeRules().visit(tree)
    ast.fix_missing_locations(tree)
    return compile(tree, filename, 'exec', 0, True)


class RuntimeRules(ast.NodeTransformer):
    """Rewrites what Plex's sandbox executes differently from CPython."""

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        if isinstance(node.target, ast.Name) and not isinstance(node.op, ast.Add):
            op = plex_gate.AUG_OPS.get(node.op.__class__, '?=')
            message = ast.Str(s="Operator '%s' is not supported" % op)
            call = ast.Call(func=ast.Name(id=EXCEPTION_NAME, ctx=ast.Load()), args=[message], keywords=[],
                            starargs=None, kwargs=None)
            return ast.copy_location(ast.Raise(type=call, inst=None, tback=None), node)
        return node

    def wrap(self, node):
        call = ast.Call(func=ast.Name(id=ITER_NAME, ctx=ast.Load()), args=[node], keywords=[], starargs=None,
                        kwargs=None)
        return ast.copy_location(call, node)

    def visit_For(self, node):
        self.generic_visit(node)
        node.iter = self.wrap(node.iter)
        return node

    def visit_comprehension(self, node):
        self.generic_visit(node)
        node.iter = self.wrap(node.iter)
        return node

    def visit_Assign(self, node):
        self.generic_visit(node)
        if any(isinstance(t, (ast.Tuple, ast.List)) for t in node.targets):
            node.value = self.wrap(node.value)
        return node
