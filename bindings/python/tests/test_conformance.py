import unittest

import agentguard as ag
from conformance_runner import CaseRunner, case_files, load


class StatusTable(unittest.TestCase):
    def test_every_status_matches_the_table(self):
        for row in load("status.json")["statuses"]:
            with self.subTest(status=row["name"]):
                status = ag.Status.from_c_name(row["name"])
                self.assertEqual(int(status), row["code"])
                self.assertEqual(ag.status_str(status), row["str"])
                self.assertEqual(ag.is_retryable(status), row["retryable"])
        self.assertEqual(len(ag.Status), len(load("status.json")["statuses"]))


class Vectors(unittest.TestCase):
    def test_vectors(self):
        files = case_files()
        self.assertTrue(files, "no conformance vectors found")
        for name in files:
            for case in load(name)["cases"]:
                with self.subTest(file=name, case=case["name"]):
                    CaseRunner(self, case).run()


if __name__ == "__main__":
    unittest.main()
