"""乡村振兴责任制助手 — web UI.

    python ui.py [--host 127.0.0.1] [--port 7860] [--root-path /assistant] [--auth users.json]
    python ui.py --add-user NAME --auth users.json     (asks for the password)

Host, port, root path and the users file also come from ASSISTANT_UI_HOST, ASSISTANT_UI_PORT,
ASSISTANT_UI_ROOT_PATH and ASSISTANT_UI_AUTH.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from pathlib import Path

from assistant.config import Settings  # sets the offline / no-telemetry environment first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="乡村振兴责任制助手（网页界面）")
    parser.add_argument("--host", default=os.environ.get("ASSISTANT_UI_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("ASSISTANT_UI_PORT", "7860")))
    parser.add_argument("--root-path", default=os.environ.get("ASSISTANT_UI_ROOT_PATH"), help="反向代理下的路径前缀")
    parser.add_argument("--auth", default=os.environ.get("ASSISTANT_UI_AUTH"), help="用户文件（启用登录）")
    parser.add_argument("--add-user", metavar="NAME", help="在用户文件中添加或更新一个用户，然后退出")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from assistant.errors import AssistantError
    from assistant.webui import add_user, launch

    if args.add_user:
        if not args.auth:
            print("请用 --auth 指定用户文件，例如 --auth users.json", file=sys.stderr)
            return 2
        password = sys.stdin.readline().rstrip("\n") if not sys.stdin.isatty() else getpass.getpass("密码：")
        if len(password) < 8:
            print("密码至少 8 位。", file=sys.stderr)
            return 2
        add_user(Path(args.auth), args.add_user, password)
        print(f"已保存用户“{args.add_user}”到 {args.auth}")
        return 0
    try:
        launch(Settings.from_env(), args.host, args.port, args.root_path, args.auth)
    except AssistantError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
