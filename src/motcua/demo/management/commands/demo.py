"""`motcua demo`: load the Nam Từ Liêm demo (organisation, catalogue, staff) idempotently."""

from django.core.management.base import BaseCommand

from motcua.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu quận Nam Từ Liêm (đơn vị, thủ tục, tài khoản cán bộ); "
        "chạy lại không tạo trùng."
    )

    def handle(self, *args, **options):
        load_demo(self.stdout)
